#ifndef COPENBLAS_SHIM_H
#define COPENBLAS_SHIM_H

#include <cblas.h>

/* Declared again so the module works with cblas.h variants that leave it out
   (the reference CBLAS header does). Training parallelises over tasks, so
   every product runs on the calling thread. */
void openblas_set_num_threads(int num_threads);

#endif

#ifndef SOCIALREC_CGRAPHVIZ_SHIM_H
#define SOCIALREC_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

// Graph kinds are mutable extern globals in cgraph; Swift 6 refuses to read
// those ("not concurrency-safe"), so they are returned by value from here.
static inline Agdesc_t cgraph_undirected(void) { return Agundirected; }
static inline Agdesc_t cgraph_directed(void) { return Agdirected; }
static inline Agdesc_t cgraph_strict_undirected(void) { return Agstrictundirected; }
static inline Agdesc_t cgraph_strict_directed(void) { return Agstrictdirected; }

#endif

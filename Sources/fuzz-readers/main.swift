// libFuzzer entry point for the readers: built by tools/fuzz (placeholder until it lands).
print("fuzz-readers: build it with tools/fuzz")

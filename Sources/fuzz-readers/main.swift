// The readers' fuzzer (docs/robustness.md).
//
// Built by `tools/fuzz` with `-sanitize=fuzzer,address -DFUZZING`: libFuzzer then drives
// `LLVMFuzzerTestOneInput` through `LLVMFuzzerRunDriver`. SwiftPM links executables with their own
// entry point, so the fuzzer's driver is started from here rather than from libFuzzer's `main`.
//
// In a plain `swift build` it is an ordinary executable that runs the same harness over the files
// named on its command line, which is how a crashing input is replayed without the sanitizers:
//   swift run fuzz-readers Tests/Fixtures/fuzz-regressions/*
import Foundation

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    _ = Harness.run(bytes)
    return 0
}

typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzTarget
) -> Int32

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
#else
let files = CommandLine.arguments.dropFirst()
if files.isEmpty {
    print("""
        usage: fuzz-readers FILE...
        Runs each file through the edge-list, interaction and item readers as the fuzzer does and prints
        what they made of it. The fuzzer itself is built and run by tools/fuzz.
        """)
    exit(0)
}
for file in files {
    guard let data = FileManager.default.contents(atPath: file) else {
        print("\(file): cannot read")
        exit(1)
    }
    print("\(file):")
    for line in Harness.run(Array(data)).lines { print("  \(line)") }
}
#endif

import Foundation

#if FUZZING
/// libFuzzer's per-input callback: runs the selected target on one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = FuzzCommand.target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif

extension FuzzCommand {
    /// The whole program of a fuzz executable over `targets` (`NOKCHWI_FUZZ_TARGET` chooses one): built with
    /// -DFUZZING and -sanitize=fuzzer,address (Benchmarks/fuzz.sh) it hands the command line to libFuzzer's
    /// driver; the plain build replays the files it is given, so `swift build` needs no libFuzzer.
    public static func main(targets: [FuzzTarget]) -> Never {
        target = selectTarget(among: targets)
        if let status = handleOwnOptions(CommandLine.arguments, targets: targets) { exit(status) }
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzTestOneInput(data, size) })
        #else
        exit(replay(Array(CommandLine.arguments.dropFirst())))
        #endif
    }
}

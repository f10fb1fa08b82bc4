// libFuzzer entry for the audio readers (targets sndfile, opus, encrypted; NOKCHWI_FUZZ_TARGET chooses).
// Built for fuzzing by Benchmarks/fuzz.sh with -DFUZZING and -sanitize=fuzzer,address; the plain build
// replays files instead, so `swift build` needs no libFuzzer.
import Foundation
import FuzzSupport

FuzzCommand.target = FuzzCommand.selectTarget(among: FuzzTarget.audio)
if let status = FuzzCommand.handleOwnOptions(CommandLine.arguments, targets: FuzzTarget.audio) { exit(status) }

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = FuzzCommand.target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzTestOneInput(data, size) })
#else
exit(FuzzCommand.replay(Array(CommandLine.arguments.dropFirst())))
#endif

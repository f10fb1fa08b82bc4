// libFuzzer entry for the audio readers (targets sndfile, opus, encrypted; NOKCHWI_FUZZ_TARGET chooses).
// The driver and the plain build's replay live in FuzzSupport (`FuzzCommand.main`).
import FuzzSupport

FuzzCommand.main(targets: FuzzTarget.audio)

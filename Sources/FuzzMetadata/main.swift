// libFuzzer entry for the metadata adapters (targets sidecar, asterisk, freeswitch, siprec; NOKCHWI_FUZZ_TARGET
// chooses). The driver and the plain build's replay live in FuzzSupport (`FuzzCommand.main`).
import FuzzSupport

FuzzCommand.main(targets: FuzzTarget.metadata)

import CSndFile

/// Human names of libsndfile's major (container) and minor (encoding) formats, as AudioFormatInfo reports them.
enum SndFileNames {
    static func container(_ format: Int32) -> String {
        let names: [Int32: String] = [
            0x01_0000: "WAV", 0x02_0000: "AIFF", 0x03_0000: "AU", 0x04_0000: "RAW", 0x05_0000: "PAF",
            0x06_0000: "SVX", 0x07_0000: "NIST", 0x08_0000: "VOC", 0x0A_0000: "IRCAM", 0x0B_0000: "W64",
            0x0C_0000: "MAT4", 0x0D_0000: "MAT5", 0x0E_0000: "PVF", 0x0F_0000: "XI", 0x10_0000: "HTK",
            0x11_0000: "SDS", 0x12_0000: "AVR", 0x13_0000: "WAVEX", 0x16_0000: "SD2", 0x17_0000: "FLAC",
            0x18_0000: "CAF", 0x19_0000: "WVE", 0x20_0000: "OGG", 0x21_0000: "MPC2K", 0x22_0000: "RF64",
            0x23_0000: "MPEG",
        ]
        let major = format & Int32(SF_FORMAT_TYPEMASK)
        return names[major] ?? "0x\(String(major, radix: 16))"
    }

    static func encoding(_ format: Int32) -> String {
        let names: [Int32: String] = [
            0x01: "PCM_S8", 0x02: "PCM_16", 0x03: "PCM_24", 0x04: "PCM_32", 0x05: "PCM_U8", 0x06: "FLOAT",
            0x07: "DOUBLE", 0x10: "ULAW", 0x11: "ALAW", 0x12: "IMA_ADPCM", 0x13: "MS_ADPCM", 0x20: "GSM610",
            0x21: "VOX_ADPCM", 0x22: "NMS_ADPCM_16", 0x23: "NMS_ADPCM_24", 0x24: "NMS_ADPCM_32",
            0x30: "G721_32", 0x31: "G723_24", 0x32: "G723_40", 0x40: "DWVW_12", 0x41: "DWVW_16",
            0x42: "DWVW_24", 0x43: "DWVW_N", 0x50: "DPCM_8", 0x51: "DPCM_16", 0x60: "VORBIS", 0x64: "OPUS",
            0x70: "ALAC_16", 0x71: "ALAC_20", 0x72: "ALAC_24", 0x73: "ALAC_32", 0x80: "MPEG_LAYER_I",
            0x81: "MPEG_LAYER_II", 0x82: "MPEG_LAYER_III",
        ]
        let minor = format & Int32(SF_FORMAT_SUBMASK)
        return names[minor] ?? "0x\(String(minor, radix: 16))"
    }

    /// False for containers that compress even "PCM" subformats (FLAC, Ogg, MPEG).
    static func isRawContainer(_ format: Int32) -> Bool {
        let major = format & Int32(SF_FORMAT_TYPEMASK)
        return ![Int32(SF_FORMAT_FLAC), Int32(SF_FORMAT_OGG), Int32(SF_FORMAT_MPEG)].contains(major)
    }

    /// Bytes per sample for fixed-size encodings; nil for compressed ones.
    static func bytesPerSample(_ format: Int32) -> Int? {
        switch format & Int32(SF_FORMAT_SUBMASK) {
        case 0x01, 0x05, 0x10, 0x11: 1
        case 0x02: 2
        case 0x03: 3
        case 0x04, 0x06: 4
        case 0x07: 8
        default: nil
        }
    }
}

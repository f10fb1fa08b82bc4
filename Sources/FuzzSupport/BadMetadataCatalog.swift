import CallPipeline
import Foundation

/// Malformed, huge, deeply nested and hostile metadata for each adapter (issue 7). Used by the adapter tests
/// and as seeds for the metadata fuzz targets. Paths that leave the drop folder are checked when audio is
/// resolved (`DropFolderScanner`), not by `parse`; see the discovery tests.
public enum BadMetadataCatalog {
    static let deepArrays = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    static let deepObjects = String(repeating: #"{"a":"#, count: 50_000) + "1" + String(repeating: "}", count: 50_000)
    static let megabyte = String(repeating: "x", count: 1 << 20)
    static let ns = "urn:ietf:params:xml:ns:recording:1"
    static let oneStream = "<recording xmlns='\(ns)'><datamode>complete</datamode><stream stream_id='s1'/></recording>"

    public static var all: [BadMetadata] { sidecar + asterisk + freeswitch + siprec }

    static var sidecar: [BadMetadata] {
        [
            BadMetadata(.sidecar, "not-json", "{ not json", .malformed),
            BadMetadata(.sidecar, "cut-off", #"{"call_id": "C1", "tags": ["complaint", "#, .malformed),
            BadMetadata(.sidecar, "empty", "", .malformed),
            BadMetadata(.sidecar, "deep-arrays", deepArrays, .malformed),
            BadMetadata(.sidecar, "deep-objects", #"{"extra": "# + deepObjects + "}", .malformed),
            BadMetadata(.sidecar, "not-utf8", bytes: Array(#"{"team": ""#.utf8) + [0xB1, 0xE8] + Array(#""}"#.utf8), .malformed),
            BadMetadata(.sidecar, "number-too-large", #"{"agent_channel": 1e30}"#, .malformed),
            BadMetadata(.sidecar, "huge-string", #"{"call_id": ""# + megabyte + #""}"#, nil),
            BadMetadata(.sidecar, "path-with-dots", #"{"audio": "../../etc/passwd"}"#, nil),
            BadMetadata(.sidecar, "absolute-path", #"{"legs": {"agent": "/etc/passwd", "caller": "../x.wav"}}"#, nil),
        ]
    }

    static let cdrLine = #""","0212345678","1500","from-pstn","","SIP/trunk-00000001","SIP/8007-00000002","Queue","q","2026-11-23 09:00:00","2026-11-23 09:00:04","2026-11-23 09:01:04","64","60","ANSWERED","DOCUMENTATION","1795392000.1","agent=A017""#

    static var asterisk: [BadMetadata] {
        [
            BadMetadata(.asterisk, "not-utf8", bytes: [0x22, 0xB1, 0xE8, 0x22, 0x0A], .unreadable),
            BadMetadata(.asterisk, "one-huge-line", megabyte, nil),
            BadMetadata(.asterisk, "many-garbage-lines", Array(repeating: "a,b,\"c", count: 20_000).joined(separator: "\n"), nil),
            BadMetadata(.asterisk, "nul-and-lone-cr", "\0\r\0\r" + cdrLine + "\r\0", nil),
            BadMetadata(.asterisk, "unsafe-uniqueid", cdrLine.replacingOccurrences(of: "1795392000.1", with: "../../etc/passwd"), nil),
            BadMetadata(.asterisk, "header-only", "accountcode,src,dst,dcontext,clid,channel,dstchannel,lastapp,lastdata,"
                + "start,answer,end,duration,billsec,disposition,amaflags,uniqueid,userfield", nil),
        ]
    }

    static var freeswitch: [BadMetadata] {
        let holds = (0..<50_000).map { "{\(1_700_000_000_000_000 + $0),\(1_700_000_000_000_100 + $0)}" }.joined(separator: ",")
        return [
            BadMetadata(.freeswitch, "open-bracket", "[", .malformed),
            BadMetadata(.freeswitch, "deep-arrays", #"{"variables": "# + deepArrays + "}", .malformed),
            BadMetadata(.freeswitch, "variables-not-object", #"{"variables": [1, 2]}"#, .malformed),
            BadMetadata(.freeswitch, "no-uuid", #"{"variables": {"answer_epoch": "1700000000"}}"#, .malformed),
            BadMetadata(.freeswitch, "many-holds", #"{"variables": {"uuid": "u-1", "answer_epoch": "1700000000", "hold_events": "{"#
                + holds + #"}"}}"#, nil),
            BadMetadata(.freeswitch, "recording-path-with-dots",
                        #"{"variables": {"uuid": "../../u", "record_file_path": "../../../etc/passwd.wav"}}"#, nil),
        ]
    }

    static var siprec: [BadMetadata] {
        [
            BadMetadata(.siprec, "billion-laughs", """
                <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\
                <recording xmlns="\(ns)"><stream stream_id="&lol3;"/></recording>
                """, .entityDeclaration),
            BadMetadata(.siprec, "external-entity", """
                <?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\
                <recording xmlns="\(ns)"><stream stream_id="s"><label>&x;</label></stream></recording>
                """, .entityDeclaration),
            BadMetadata(.siprec, "parameter-entity", """
                <!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]><recording xmlns="\(ns)"/>
                """, .entityDeclaration),
            BadMetadata(.siprec, "xinclude", """
                <recording xmlns="\(ns)" xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd"/></recording>
                """, .unsupported),
            BadMetadata(.siprec, "deep-nesting", "<recording xmlns='\(ns)'>" + String(repeating: "<a>", count: 100_000)
                + String(repeating: "</a>", count: 100_000) + "<stream stream_id='s'/></recording>", .malformed),
            BadMetadata(.siprec, "huge-attribute", "<recording xmlns='\(ns)'><stream stream_id='\(megabyte)'/></recording>", nil),
            BadMetadata(.siprec, "unclosed", "<recording xmlns='\(ns)'><stream>", .malformed),
            BadMetadata(.siprec, "utf16", bytes: [0xFF, 0xFE] + Array(oneStream.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
                        .unreadable),
            BadMetadata(.siprec, "label-with-dots", "<recording xmlns='\(ns)'><stream stream_id='s1'><label>../../etc</label></stream>"
                + "<stream stream_id='s2'><label>/tmp/x</label></stream></recording>", nil),
        ]
    }
}

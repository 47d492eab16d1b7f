import Foundation

/// Decodes 8-bit MAPI strings (PT_STRING8, MS-OXCDATA §2.11.1) by their Windows code page.
enum CodePage {
    /// The Foundation encoding of a Windows code page, when Foundation has it.
    static func encoding(_ codePage: UInt32) -> String.Encoding? {
        switch codePage {
        case 65001: return .utf8
        case 1250: return .windowsCP1250
        case 1251: return .windowsCP1251
        case 1252: return .windowsCP1252
        case 1253: return .windowsCP1253
        case 1254: return .windowsCP1254
        case 28591: return .isoLatin1
        case 28592: return .isoLatin2
        case 932: return .shiftJIS
        case 50220, 50221, 50222: return .iso2022JP
        case 51932, 20932: return .japaneseEUC
        case 20127: return .ascii
        case 1200: return .utf16LittleEndian
        default: return nil
        }
    }

    /// Decodes `bytes`: valid UTF-8 as such, else by the code page, else as Windows-1252.
    static func decode(_ bytes: [UInt8], codePage: UInt32?) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let codePage, let encoding = encoding(codePage), let s = String(bytes: bytes, encoding: encoding) { return s }
        if let s = String(bytes: bytes, encoding: .utf8) { return s }
        return String(bytes: bytes, encoding: .windowsCP1252) ?? String(decoding: bytes.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
    }
}

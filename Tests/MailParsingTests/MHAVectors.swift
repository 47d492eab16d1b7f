import Foundation
import MailTestSupport

/// The RFC 2047 and date vectors extracted from microsoft/MHA's tests (corpus `mha/mha-test-vectors.json`).
enum MHAVectors {
    struct Decode: Sendable, CustomStringConvertible {
        var index: Int
        var input: String
        var expected: String
        var description: String { "rfc2047 #\(index)" }
    }

    struct DateCase: Sendable, CustomStringConvertible {
        var name: String
        var header: String
        var expectedMilliseconds: Int64
        var description: String { name }
    }

    static func json() -> [String: Any] {
        guard Corpus.isAvailable, let data = try? Data(contentsOf: Corpus.url("mha/mha-test-vectors.json")),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    static let decodeCases: [Decode] = {
        guard let list = json()["rfc2047_decode"] as? [[String: Any]] else { return [] }
        return list.enumerated().compactMap { index, entry in
            guard let input = entry["input"] as? String, let expected = entry["expected"] as? String else { return nil }
            return Decode(index: index, input: input, expected: expected)
        }
    }()

    static let dateCases: [DateCase] = {
        guard let list = json()["dates"] as? [[String: Any]] else { return [] }
        return list.compactMap { entry in
            guard let name = entry["test"] as? String, let header = entry["header"] as? String,
                  let ms = entry["expected_dateNum_ms"] as? NSNumber else { return nil }
            return DateCase(name: name, header: header, expectedMilliseconds: ms.int64Value)
        }
    }()
}


import Foundation
import MailTestSupport
import Testing

@Suite struct SPFCommandTests {
    /// Offline with no DNS data: temperror "could not be checked offline", never none; JSON has the documented keys.
    @Test func offlineMissIsTemperrorInJSON() throws {
        let result = try CLI.run(["spf", "--ip", "192.0.2.25", "--mail-from", "mailer@service.example", "--format", "json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["result"] as? String == "temperror")
        #expect((object?["explanation"] as? String)?.contains("could not be checked offline") == true)
        #expect(object?["lookups"] as? Int == 0)
        #expect((object?["trace"] as? [Any])?.isEmpty == false)
    }

    @Test func rejectsAnAddressThatIsNotOne() throws {
        let result = try CLI.run(["spf", "--ip", "999.1.1.1", "--mail-from", "a@b.example"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--ip"))
    }
}

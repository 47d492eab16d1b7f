import MailAuth
import Testing

@Suite struct DigestTests {
    @Test func sha256OfABC() {
        #expect(Digest.hex(Digest.hash(.sha256, Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

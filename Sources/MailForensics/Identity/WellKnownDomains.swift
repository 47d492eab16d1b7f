/// Data for identity checks, in one place: brands phishers imitate (with the domains they really send from) and
/// free-mail providers (where anyone can open an address). Lists are abridged; entries are lower case.
enum WellKnownDomains {
    struct Brand: Sendable {
        /// Words that name the brand in a display name (lower case, matched as whole words).
        var names: [String]
        /// Organizational domains the brand really sends from.
        var domains: [String]
    }

    static let brands: [Brand] = [
        Brand(names: ["microsoft", "office 365", "office365", "outlook", "onedrive", "sharepoint", "microsoft 365"],
              domains: ["microsoft.com", "office.com", "office365.com", "outlook.com", "live.com", "sharepoint.com", "microsoftonline.com", "onmicrosoft.com"]),
        Brand(names: ["paypal"], domains: ["paypal.com", "paypal.de", "paypal.co.uk", "paypal.fr"]),
        Brand(names: ["apple support", "icloud", "itunes", "apple id"], domains: ["apple.com", "icloud.com", "me.com"]),
        Brand(names: ["amazon", "prime video"], domains: ["amazon.com", "amazon.de", "amazon.co.uk", "amazon.fr", "amazon.it", "amazon.es", "amazonaws.com", "amazonses.com"]),
        Brand(names: ["google", "gmail", "google drive"], domains: ["google.com", "gmail.com", "googlemail.com"]),
        Brand(names: ["netflix"], domains: ["netflix.com"]),
        Brand(names: ["dhl"], domains: ["dhl.com", "dhl.de", "dpdhl.com"]),
        Brand(names: ["fedex"], domains: ["fedex.com"]),
        Brand(names: ["usps"], domains: ["usps.com", "usps.gov"]),
        Brand(names: ["docusign"], domains: ["docusign.com", "docusign.net"]),
        Brand(names: ["dropbox"], domains: ["dropbox.com", "dropboxmail.com"]),
        Brand(names: ["linkedin"], domains: ["linkedin.com"]),
        Brand(names: ["facebook", "instagram", "whatsapp"], domains: ["facebook.com", "facebookmail.com", "meta.com", "instagram.com", "whatsapp.com"]),
        Brand(names: ["wells fargo"], domains: ["wellsfargo.com"]),
        Brand(names: ["bank of america"], domains: ["bankofamerica.com", "bofa.com"]),
        Brand(names: ["chase bank", "jpmorgan"], domains: ["chase.com", "jpmorgan.com"]),
        Brand(names: ["american express", "amex"], domains: ["americanexpress.com", "aexp.com"]),
        Brand(names: ["coinbase"], domains: ["coinbase.com"]),
        Brand(names: ["binance"], domains: ["binance.com"]),
        Brand(names: ["metamask"], domains: ["metamask.io"]),
        Brand(names: ["adobe"], domains: ["adobe.com"]),
        Brand(names: ["norton"], domains: ["norton.com", "nortonlifelock.com"]),
        Brand(names: ["mcafee"], domains: ["mcafee.com"]),
        Brand(names: ["walmart"], domains: ["walmart.com"]),
        Brand(names: ["costco"], domains: ["costco.com"]),
        Brand(names: ["ebay"], domains: ["ebay.com", "ebay.de", "ebay.co.uk"]),
        Brand(names: ["at&t"], domains: ["att.com", "att.net"]),
        Brand(names: ["verizon"], domains: ["verizon.com"]),
        Brand(names: ["irs"], domains: ["irs.gov"]),
        Brand(names: ["stripe"], domains: ["stripe.com"]),
        Brand(names: ["yahoo"], domains: ["yahoo.com", "yahoo.co.jp"]),
        Brand(names: ["banco do brasil"], domains: ["bb.com.br"]),
        Brand(names: ["caixa", "caixa economica"], domains: ["caixa.gov.br"]),
        Brand(names: ["bradesco"], domains: ["bradesco.com.br"]),
        Brand(names: ["itau", "itaú"], domains: ["itau.com.br"]),
        Brand(names: ["santander"], domains: ["santander.com", "santander.com.br", "santander.co.uk"]),
        Brand(names: ["correios"], domains: ["correios.com.br"]),
        Brand(names: ["receita federal"], domains: ["gov.br"]),
        Brand(names: ["bittrex"], domains: ["bittrex.com"]),
        Brand(names: ["kraken"], domains: ["kraken.com"]),
        Brand(names: ["webmail", "mail administrator", "it helpdesk", "help desk", "mailbox administrator"], domains: []),
    ]

    /// Domains anyone can get an address at (observed in business e-mail compromise as Reply-To targets).
    static let freeMail: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "rocketmail.com",
        "hotmail.com", "hotmail.co.uk", "hotmail.fr", "outlook.com", "outlook.fr", "live.com", "msn.com", "aol.com",
        "icloud.com", "me.com", "mac.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "mail.ru", "yandex.ru",
        "yandex.com", "protonmail.com", "proton.me", "pm.me", "tutanota.com", "zoho.com", "qq.com", "163.com", "126.com",
        "naver.com", "libero.it", "orange.fr", "laposte.net", "t-online.de", "seznam.cz", "wp.pl", "o2.pl", "inbox.ru",
        "bk.ru", "list.ru", "rambler.ru", "rediffmail.com", "usa.com", "consultant.com", "tutanota.de",
    ]

    /// Brand domains used as lookalike targets (plus the recipient's domain at run time).
    static let lookalikeTargets: [String] = brands.flatMap(\.domains)

    /// The first brand (in table order) named in a lower-case display name, and the first of its names found there;
    /// names match as whole words (letters, digits and `&`; anything else separates words).
    static func brand(namedIn lowered: String) -> (brand: Brand, name: String)? {
        if ASCIIText.isSimple(lowered) {
            // One byte per Character: the words are built and searched as bytes, each name's " name " prepared once.
            var words: [UInt8] = [0x20]
            words.reserveCapacity(lowered.utf8.count + 2)
            for b in lowered.utf8 { words.append(ASCIIText.isLetter(b) || ASCIIText.isDigit(b) || b == 0x26 ? b : 0x20) }
            words.append(0x20)
            // Every " name " starts at a space: there, only the names with the next byte as initial are tried.
            // The first brand in table order wins, then its first name.
            var best: (brand: Int, name: Int)?
            let byInitial = brandNamesByInitial, nameWords = brandNameWords
            words.withUnsafeBufferPointer { text in
                for start in text.indices.dropLast() where text[start] == 0x20 {
                    for (b, n) in byInitial[Int(text[start + 1])] where best.map({ (b, n) < ($0.brand, $0.name) }) ?? true
                        && ASCIIText.hasPrefix(UnsafeBufferPointer(rebasing: text[start...]), nameWords[b][n]) {
                        best = (b, n)
                    }
                }
            }
            return best.map { (brands[$0.brand], brands[$0.brand].names[$0.name]) }
        }
        return brandByCharacters(namedIn: lowered)
    }

    /// `brand(namedIn:)` for any text, Character by Character.
    static func brandByCharacters(namedIn lowered: String) -> (brand: Brand, name: String)? {
        let words = " " + lowered.map { $0.isLetter || $0.isNumber || $0 == "&" ? $0 : " " }.reduce(into: "") { $0.append($1) } + " "
        guard let brand = brands.first(where: { b in b.names.contains { words.contains(" \($0) ") } }) else { return nil }
        return (brand, brand.names.first { words.contains(" \($0) ") } ?? "")
    }

    /// Each brand's names as the bytes of " name ", in table order.
    static let brandNameWords: [[[UInt8]]] = brands.map { $0.names.map { Array(" \($0) ".utf8) } }

    /// (brand, name) index pairs by the first byte of the name, in table order.
    static let brandNamesByInitial: [[(Int, Int)]] = {
        var table = [[(Int, Int)]](repeating: [], count: 256)
        for (b, names) in brandNameWords.enumerated() {
            for (n, word) in names.enumerated() { table[Int(word[1])].append((b, n)) }
        }
        return table
    }()

    static func isFreeMail(_ domain: String?) -> Bool {
        guard let domain else { return false }
        return freeMail.contains(DomainName.normalize(domain))
    }
}

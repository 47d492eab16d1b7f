import Foundation
import MailAuth
import MailParsing

/// Finds links in text and HTML parts (href, src, form action, meta refresh, plain-text URLs) and judges
/// each by where it really goes. No URL is ever fetched.
enum LinkExtractor {
    /// At most this many links are kept per part.
    static let maximumLinksPerPart = 2000

    /// Links in an HTML part, with anchor text; `findings` gets the concerns.
    static func links(inHTML html: [UInt8], part: String) -> [LinkInfo] {
        var links: [LinkInfo] = []
        var openAnchor: (url: String, index: Int?)?
        var anchorText = ""
        var seen: [String: Int] = [:]
        var anchors = Set<String>()
        /// Adds a link once per source and target; anchors are kept apart per visible text (set when they close).
        func add(_ url: String, source: String) -> Int? {
            let url = url.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !url.isEmpty, !url.hasPrefix("#") else { return nil }
            let key = source + " " + url
            if source != "href", let known = seen[key] { return known }
            guard links.count < maximumLinksPerPart else { return nil }
            links.append(LinkInfo(url: url, host: host(of: url), text: nil, source: source, part: part))
            seen[key] = links.count - 1
            return links.count - 1
        }
        func closeAnchor() {
            guard let anchor = openAnchor else { return }
            let text = anchorText.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            if let index = anchor.index {
                if !text.isEmpty { links[index].text = String(text.prefix(300)) }
                // The same target behind the same text is one link; different texts are kept apart.
                if !anchors.insert(links[index].url + "\u{0}" + text).inserted, index == links.count - 1 { links.removeLast() }
            }
            openAnchor = nil
            anchorText = ""
        }
        for event in HTMLScanner.scan(html) {
            switch event {
            case .start(let tag):
                switch tag.name {
                case "a", "area":
                    closeAnchor()
                    if let href = tag.attribute("href") {
                        openAnchor = (href, add(href, source: "href"))
                    }
                case "form":
                    if let action = tag.attribute("action"), !action.isEmpty {
                        _ = add(action, source: "form-action")
                    }
                case "meta":
                    if tag.attribute("http-equiv")?.lowercased() == "refresh", let content = tag.attribute("content"),
                       let range = content.range(of: "url=", options: .caseInsensitive) {
                        let target = content[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
                        _ = add(target, source: "meta-refresh")
                    }
                case "img":
                    if let src = tag.attribute("src") {
                        let index = add(src, source: "src")
                        if let index, isTrackingPixel(tag), links[index].host != nil, !links[index].concerns.contains("tracking-pixel") {
                            links[index].concerns.append("tracking-pixel")
                        }
                    }
                case "iframe", "frame", "embed", "script", "object":
                    if let src = tag.attribute("src") ?? tag.attribute("data") { _ = add(src, source: "src") }
                default:
                    if let background = tag.attribute("background") { _ = add(background, source: "src") }
                }
            case .end(let name):
                if name == "a" || name == "area" { closeAnchor() }
            case .text(let range):
                if openAnchor != nil, anchorText.utf8.count < 1000 { anchorText += HTMLScanner.text(range, in: html) }
            }
        }
        closeAnchor()
        // URLs written as text in the HTML (outside attributes) are not links: the reader must copy them, skip.
        return links
    }

    /// URLs written in a plain-text part.
    static func links(inText text: [UInt8], part: String) -> [LinkInfo] {
        var links: [LinkInfo] = []
        var seen = Set<String>()
        for url in plainURLs(text) where links.count < maximumLinksPerPart && seen.insert(url).inserted {
            links.append(LinkInfo(url: url, host: host(of: url), text: nil, source: "text", part: part))
        }
        return links
    }

    /// http(s)/ftp URLs and www. names in text, trailing punctuation removed.
    static func plainURLs(_ text: [UInt8]) -> [String] {
        text.withUnsafeBufferPointer { plainURLs(in: $0) }
    }

    /// The scan behind `plainURLs`. Every URL it reports has an anchor 3 to 5 bytes after its start: the ":" of
    /// "ftp://", "http://", "https://" or the "." of "www.". Testing every byte of a long text part as a possible
    /// start was the slowest loop of the content stage, so the scan jumps from anchor to anchor (sixteen bytes at a
    /// time) and tests only the three starts in front of each; the starts it tests, in the order it tests them,
    /// are exactly those of a byte-by-byte scan that could match, so the result is the same.
    static func plainURLs(in text: UnsafeBufferPointer<UInt8>) -> [String] {
        guard let base = text.baseAddress else { return [] }
        let n = text.count
        var out: [String] = []
        var i = 0  // No URL starts before i.
        while i < n {
            // A start s has its anchor at s + 3 ... s + 5, so the first anchor at or after i + 3 bounds the next start.
            let anchor = nextAnchor(base, from: i + 3, count: n)
            guard anchor < n else { break }
            var start = max(i, anchor - 5)
            var prefix = 0
            while start <= anchor - 3 {
                prefix = urlPrefixLength(text, at: start)
                if prefix > 0 { break }
                start += 1
            }
            guard prefix > 0 else { i = anchor - 2; continue }
            var j = start + prefix
            while j < n, j - start < 4096, text[j] > 0x20, text[j] != 0x3C, text[j] != 0x3E, text[j] != 0x22, text[j] != 0x27, text[j] != 0x7F {
                j += 1
            }
            var end = j
            while end > start + prefix, isTrailingPunctuation(text[end - 1]) { end -= 1 }
            if end > start + prefix + 1 {
                var url = String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
                if text[start] | 0x20 == 0x77 { url = "http://" + url }  // "www." names get a scheme
                out.append(url)
            }
            i = max(j, start + 1)
        }
        return out
    }

    /// The first anchor at or after `from` (at least 1), or `count`: a ":", or a "." after "w" or "W". Against a
    /// ".", the only prefix that fits a start 3 to 5 bytes before it is "www." (the others would need ":", "s",
    /// "/" or "p" there), so the other dots (sentence ends, most of them) start nothing and are passed over.
    private static func nextAnchor(_ base: UnsafePointer<UInt8>, from: Int, count n: Int) -> Int {
        var p = from
        let colon = SIMD16<UInt8>(repeating: 0x3A), dot = SIMD16<UInt8>(repeating: 0x2E)
        let w = SIMD16<UInt8>(repeating: 0x77), caseBit = SIMD16<UInt8>(repeating: 0x20)
        while p + 16 <= n {
            let bytes = UnsafeRawPointer(base + p).loadUnaligned(as: SIMD16<UInt8>.self)
            let before = UnsafeRawPointer(base + p - 1).loadUnaligned(as: SIMD16<UInt8>.self)
            if any((bytes .== colon) .| ((bytes .== dot) .& ((before | caseBit) .== w))) { break }
            p += 16
        }
        while p < n, !(base[p] == 0x3A || base[p] == 0x2E && base[p - 1] | 0x20 == 0x77) { p += 1 }
        return min(p, n)
    }

    /// The length of the URL prefix ("http://", "https://", "ftp://", "www.", letters in any case) starting at
    /// `i`, or 0; a prefix glued to a preceding letter, "." or "/" does not count (it is inside a word or a path).
    private static func urlPrefixLength(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = text[i] | 0x20
        guard b == 0x68 || b == 0x66 || b == 0x77 else { return 0 }  // h f w
        if i > 0, HTMLScanner.isASCIILetter(text[i - 1]) || text[i - 1] == 0x2E || text[i - 1] == 0x2F { return 0 }
        for p in urlPrefixes where i + p.count <= text.count {
            var k = 0
            while k < p.count, (HTMLScanner.isASCIILetter(text[i + k]) ? text[i + k] | 0x20 : text[i + k]) == p[k] { k += 1 }
            if k == p.count { return p.count }
        }
        return 0
    }

    private static let urlPrefixes: [[UInt8]] = [Array("http://".utf8), Array("https://".utf8), Array("ftp://".utf8), Array("www.".utf8)]

    /// `.,;:!?)]}*`: punctuation that ends a sentence rather than a URL.
    private static func isTrailingPunctuation(_ b: UInt8) -> Bool {
        switch b {
        case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x7D, 0x2A: return true
        default: return false
        }
    }

    static func isTrackingPixel(_ tag: HTMLScanner.Tag) -> Bool {
        func tiny(_ v: String?) -> Bool {
            guard let v = v?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
            return v == "1" || v == "0" || v == "1px" || v == "0px"
        }
        if tiny(tag.attribute("width")), tiny(tag.attribute("height")) { return true }
        if let style = tag.attribute("style")?.lowercased().replacingOccurrences(of: " ", with: "") {
            return (style.contains("width:1px") || style.contains("width:0")) && (style.contains("height:1px") || style.contains("height:0"))
        }
        return false
    }

    /// The host of an absolute URL, lower case, without user info, port or brackets; nil for other schemes.
    static func host(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard ["http", "https", "ftp", "hxxp", "hxxps"].contains(scheme) else { return nil }
        var rest = url[schemeEnd.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0 == "\\" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            return String(rest[rest.index(after: rest.startIndex)..<close]).lowercased()
        }
        if let colon = rest.lastIndex(of: ":") { rest = rest[..<colon] }
        let host = String(rest.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace && $0.value >= 0x20 })
            .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return host.isEmpty ? nil : host
    }

    /// A host written in visible anchor text ("www.bank.com", "https://bank.com/login"), if it names one.
    static func host(inText text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.contains(" "), t.count <= 2048 else { return nil }
        if let h = host(of: t) { return h }
        let candidate = t.split(separator: "/").first.map(String.init) ?? t
        let labels = candidate.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, candidate.hasPrefix("www.") || labels.count >= 2 && labels.last.map({ $0.count >= 2 && $0.allSatisfy(\.isLetter) }) == true,
              labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }), !candidate.contains("@") else {
            return nil
        }
        return candidate.lowercased()
    }

    /// Hosts of link-protection services that rewrite every link of a message (Safe Links, URL Defense,
    /// ClickTime, Mimecast...): the original target is carried inside the rewritten URL.
    static let rewriterSuffixes = [
        "safelinks.protection.outlook.com", "urldefense.proofpoint.com", "urldefense.com", "clicktime.symantec.com",
        "mimecast.com", "linkprotect.cudasvc.com", "secure-web.cisco.com", "scanner.topsec.com", "trendmicro.com",
        "url.emailprotection.link", "fortimail.com", "sophos.com", "barracudanetworks.com",
    ]

    /// True when `url` is a link-protection rewrite whose embedded original target is the shown host.
    static func isRewrittenLink(_ url: String, host: String, to shown: String, psl: PublicSuffixList?) -> Bool {
        guard rewriterSuffixes.contains(where: { host == $0 || host.hasSuffix("." + $0) }) else { return false }
        // Proofpoint writes "-3A__" and "_" for ":" and "/"; everyone else percent-encodes.
        let decoded = (url.removingPercentEncoding ?? url).lowercased().replacingOccurrences(of: "-3a__", with: "://")
        return decoded.contains(siteDomain(shown, psl: psl))
    }

    /// True for dotted IPv4, a single decimal or hexadecimal number (http://3232235777/), or IPv6.
    static func isIPLiteral(_ host: String) -> Bool {
        if host.contains(":") { return true }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count == 4, labels.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }) { return true }
        if labels.count == 1 {
            let h = labels[0]
            if h.allSatisfy(\.isNumber), !h.isEmpty { return true }
            if h.hasPrefix("0x"), h.dropFirst(2).allSatisfy(\.isHexDigit), h.count > 2 { return true }
        }
        if labels.allSatisfy({ $0.hasPrefix("0x") || $0.allSatisfy(\.isNumber) }), labels.count <= 4, labels.contains(where: { $0.hasPrefix("0x") }) {
            return true
        }
        return false
    }

    /// The registrable part of a host by the Public Suffix List; without a list, approximated as the last two
    /// labels, or the last three when the second-level label is a common second-level suffix (co.uk, com.au...).
    static func siteDomain(_ host: String, psl: PublicSuffixList? = nil) -> String {
        if let psl, !isIPLiteral(host) { return psl.organizationalDomain(host) }
        let labels = host.lowercased().split(separator: ".").map(String.init)
        guard labels.count > 2 else { return labels.joined(separator: ".") }
        let secondLevel = ["co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go", "gob", "mil", "ltd", "plc"]
        let take = secondLevel.contains(labels[labels.count - 2]) && labels[labels.count - 1].count == 2 ? 3 : 2
        return labels.suffix(take).joined(separator: ".")
    }

    /// The finding for each link concern.
    static let concernSpecs: [String: FindingSpec] = [
        "script-or-data": ContentFindings.linkScriptURL, "html-form": ContentFindings.htmlForm,
        "tracking-pixel": ContentFindings.trackingPixel, "text-mismatch": ContentFindings.linkTextMismatch,
        "shortener": ContentFindings.linkShortener, "ip-host": ContentFindings.linkIPHost,
        "lookalike-host": ContentFindings.linkLookalike,
    ]

    /// Adds concerns to each link and the matching findings (one per kind, listing up to ten links).
    static func judge(_ links: inout [LinkInfo], findings: inout [Finding], psl: PublicSuffixList? = nil) {
        guard !links.isEmpty else { return }
        var grouped: [String: [Evidence]] = [:]
        var order: [String] = []
        func note(_ concern: String, _ index: Int, _ evidence: Evidence) {
            if !links[index].concerns.contains(concern) { links[index].concerns.append(concern) }
            if grouped[concern] == nil { order.append(concern) }
            if grouped[concern, default: []].count < 10 { grouped[concern, default: []].append(evidence) }
        }
        for index in links.indices {
            let link = links[index]
            let where_ = "\(link.source) in part \(link.part)"
            let lower = link.url.lowercased()
            // data: images are ordinary inline pictures; data: pages, scripts and clickable data: links are not.
            let riskyData = lower.hasPrefix("data:") && (link.source != "src" || lower.hasPrefix("data:text/html")
                || lower.hasPrefix("data:application/") || lower.hasPrefix("data:image/svg"))
            if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || riskyData {
                note("script-or-data", index, Evidence(kind: .body, label: where_, value: String(link.url.prefix(120))))
            }
            if link.source == "form-action" {
                note("html-form", index, Evidence(kind: .body, label: "form action, part \(link.part)", value: link.url))
            }
            if link.concerns.contains("tracking-pixel") {
                note("tracking-pixel", index, Evidence(kind: .body, label: "1x1 image, part \(link.part)", value: link.url))
            }
            guard let host = link.host else { continue }
            if let text = link.text, let shown = Self.host(inText: text), siteDomain(shown, psl: psl) != siteDomain(host, psl: psl),
               !isRewrittenLink(link.url, host: host, to: shown, psl: psl) {
                note("text-mismatch", index, Evidence(kind: .body, label: "link shows \(shown), goes to", value: link.url))
            }
            if URLShorteners.isShortener(host) {
                note("shortener", index, Evidence(kind: .body, label: where_, value: link.url))
            }
            if isIPLiteral(host) {
                note("ip-host", index, Evidence(kind: .body, label: where_, value: link.url))
            }
            if host.split(separator: ".").contains(where: { $0.hasPrefix("xn--") }) || host.unicodeScalars.contains(where: { !$0.isASCII }) {
                let unicode = Punycode.unicodeDomain(host)
                note("lookalike-host", index, Evidence(kind: .body, label: where_, value: unicode == host ? host : "\(host), displayed as \(unicode)"))
            } else if !isIPLiteral(host), let why = BrandNames.impersonation(host: host, site: siteDomain(host, psl: psl)) {
                note("lookalike-host", index, Evidence(kind: .body, label: "\(where_): the host \(why)", value: link.url))
            }
        }
        for concern in order {
            guard let spec = concernSpecs[concern], let evidence = grouped[concern] else { continue }
            let count = links.filter { $0.concerns.contains(concern) }.count
            let noun = concern == "html-form" ? "form" : concern == "tracking-pixel" ? "tracking image" : "link"
            var lead = count == 1 ? "This message has one such \(noun)." : "This message has \(count) such \(noun)s."
            if concern == "text-mismatch", let first = links.first(where: { $0.concerns.contains(concern) }),
               let shown = first.text.flatMap(Self.host(inText:)), let host = first.host {
                lead += " For example, a link reads \(shown) but goes to \(host)."
            }
            findings.append(spec.finding(explanation: "\(lead) \(spec.meaning)", evidence: evidence))
        }
    }
}

/// Hosts of public URL-shortening services (a data list; extend freely).
enum URLShorteners {
    static let hosts: Set<String> = [
        "bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly",
        "shorturl.at", "rb.gy", "tiny.cc", "bit.do", "t.ly", "s.id", "lnkd.in", "qrco.de", "shorte.st", "adf.ly", "v.gd",
        "x.co", "tr.im", "soo.gd", "clck.ru", "u.to", "urlz.fr", "2no.co", "gg.gg", "tiny.one", "rotf.lol", "shorturl.com",
        "y2u.be", "db.tt", "fb.me", "wp.me", "trib.al", "dlvr.it", "ift.tt", "mcaf.ee", "su.pr", "po.st", "snip.ly",
        "short.io", "bl.ink", "hyperurl.co", "urlr.me", "zpr.io", "linktr.ee", "t2m.io", "tinyurl.is", "surl.li", "qr.ae",
        "ln.run", "l.ead.me", "shorturl.gg", "kutt.it", "yourls.org", "1url.com", "cli.gs", "ity.im", "q.gs", "bc.vc",
        "go2l.ink", "rebrandly.com", "t.me", "aka.ms", "amzn.to", "youtu.be", "msft.it", "ibm.co", "spoti.fi", "apple.co",
    ]

    static func isShortener(_ host: String) -> Bool {
        hosts.contains(host.hasPrefix("www.") ? String(host.dropFirst(4)) : host)
    }
}

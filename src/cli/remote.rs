//! `--fetch-remote`: fetch a file's remote Content Credentials (XMP `dcterms:provenance`) and
//! check the file again with them, validated as a sidecar is. Off by default: without the flag
//! the command line never touches the network for a check, and says how to fetch.
//!
//! The fetch follows the same rules as the page and the extension: `https:` only (redirects
//! too), no cookies or other credentials and no `Referer` (ureq sends neither), at most
//! [`MAX_REMOTE_BYTES`], within [`FETCH_TIMEOUT`]. The client is the one `trust update` uses.

use ailabel::{Options, RemoteStatus, Report};
use std::io::Read;
use std::time::Duration;

/// Largest remote manifest store fetched, in bytes (stores with thumbnails run to a few MB).
pub const MAX_REMOTE_BYTES: u64 = 16 * 1024 * 1024;
/// How long one fetch may take.
const FETCH_TIMEOUT: Duration = Duration::from_secs(30);

/// The line the human output adds for a remote reference that was not fetched.
pub fn hint(report: &Report) -> Option<String> {
    let r = report.remote_manifest.as_ref()?;
    (r.status == RemoteStatus::NotFetched && r.fetchable).then(|| {
        format!(
            "Content Credentials are stored remotely at {}: run again with --fetch-remote to \
             fetch and verify them (the request goes to that host).",
            r.host.as_deref().unwrap_or(&r.url)
        )
    })
}

/// With `--fetch-remote`: when `report` names a fetchable remote store that was not fetched,
/// fetch it and check `bytes` again with it (or with the reason it could not be fetched).
pub fn recheck(bytes: &[u8], options: &Options, report: Report) -> Report {
    recheck_with(bytes, options, report, &Agent::production())
}

fn recheck_with(bytes: &[u8], options: &Options, report: Report, agent: &Agent) -> Report {
    let Some(r) = report.remote_manifest.as_ref().filter(|r| {
        r.status == RemoteStatus::NotFetched && (r.fetchable || agent.loopback(&r.url))
    }) else {
        return report;
    };
    let mut opts = options.clone();
    match agent.fetch(&r.url) {
        Ok(store) => opts.remote_manifest = Some(store),
        Err(e) => opts.remote_manifest_error = Some(e),
    }
    ailabel::check(bytes, &opts)
}

/// A configured client. Production allows `https:` only; the tests' loopback server speaks
/// plain HTTP, so tests (and only tests) build an agent that allows `http://127.0.0.1`.
struct Agent {
    agent: ureq::Agent,
    #[cfg(test)]
    allow_loopback_http: bool,
}

impl Agent {
    fn production() -> Self {
        Agent {
            agent: ureq::AgentBuilder::new()
                .timeout(FETCH_TIMEOUT)
                .redirects(5)
                .https_only(true)
                .build(),
            #[cfg(test)]
            allow_loopback_http: false,
        }
    }

    /// True for a plain-HTTP loopback URL in a test agent; always false in the binary.
    fn loopback(&self, url: &str) -> bool {
        #[cfg(test)]
        return self.allow_loopback_http && url.starts_with("http://127.0.0.1:");
        #[cfg(not(test))]
        {
            let _ = url;
            false
        }
    }

    /// Fetch `url`, capped and timed; the error says why in plain words.
    fn fetch(&self, url: &str) -> Result<Vec<u8>, String> {
        if !self.loopback(url) {
            if let Some(why) = ailabel::remote_refusal(url) {
                return Err(why.to_owned());
            }
        }
        let resp = self.agent.get(url).call().map_err(|e| match e {
            ureq::Error::Status(code, _) => format!("the server answered HTTP {code}"),
            ureq::Error::Transport(t) => format!("no answer ({t})"),
        })?;
        if let Some(n) = resp
            .header("content-length")
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            if n > MAX_REMOTE_BYTES {
                return Err(format!(
                    "the store is {n} bytes, over the {MAX_REMOTE_BYTES}-byte limit"
                ));
            }
        }
        let mut body = Vec::new();
        resp.into_reader()
            .take(MAX_REMOTE_BYTES.saturating_add(1))
            .read_to_end(&mut body)
            .map_err(|e| format!("the answer could not be read ({e})"))?;
        if u64::try_from(body.len()).unwrap_or(u64::MAX) > MAX_REMOTE_BYTES {
            return Err(format!(
                "the store is over the {MAX_REMOTE_BYTES}-byte limit"
            ));
        }
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;
    use std::sync::mpsc;

    /// A one-request HTTP server on 127.0.0.1 answering `status` with `body`; sends back the
    /// request's header lines.
    fn serve_once(status: &str, body: Vec<u8>) -> (String, mpsc::Receiver<Vec<String>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/m.c2pa", listener.local_addr().unwrap());
        let (tx, rx) = mpsc::channel();
        let status = status.to_owned();
        std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let mut lines = Vec::new();
            let mut r = BufReader::new(s.try_clone().unwrap());
            loop {
                let mut l = String::new();
                r.read_line(&mut l).unwrap();
                if l.trim().is_empty() {
                    break;
                }
                lines.push(l.trim().to_owned());
            }
            write!(
                s,
                "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            )
            .unwrap();
            s.write_all(&body).unwrap();
            tx.send(lines).unwrap();
        });
        (url, rx)
    }

    fn test_agent() -> Agent {
        Agent {
            agent: ureq::AgentBuilder::new()
                .timeout(Duration::from_secs(5))
                .build(),
            allow_loopback_http: true,
        }
    }

    #[test]
    fn fetches_without_cookies_or_referrer() {
        let (url, rx) = serve_once("200 OK", b"store bytes".to_vec());
        assert_eq!(test_agent().fetch(&url).unwrap(), b"store bytes");
        let headers = rx.recv().unwrap();
        assert!(headers[0].starts_with("GET /m.c2pa "), "{headers:?}");
        for h in &headers {
            let h = h.to_ascii_lowercase();
            assert!(
                !h.starts_with("cookie:")
                    && !h.starts_with("referer:")
                    && !h.starts_with("authorization:"),
                "{h}"
            );
        }
    }

    #[test]
    fn refuses_over_the_cap_and_says_why_on_http_errors() {
        let big = vec![0u8; usize::try_from(MAX_REMOTE_BYTES).unwrap() + 1];
        let (url, _rx) = serve_once("200 OK", big);
        let e = test_agent().fetch(&url).unwrap_err();
        assert!(e.contains("over the"), "{e}");
        let (url, _rx) = serve_once("404 Not Found", Vec::new());
        assert_eq!(
            test_agent().fetch(&url).unwrap_err(),
            "the server answered HTTP 404"
        );
    }

    /// The fetched store is validated against the file, as a sidecar: here a store made for
    /// another file, so it is read (its manifest shows) and its binding fails.
    #[test]
    fn a_fetched_store_is_validated_against_the_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let image = std::fs::read(root.join("containers/jpeg/no_manifest.jpg")).unwrap();
        let store = std::fs::read(root.join("c2pa/sidecars/cloud_manifest.c2pa")).unwrap();
        let (url, rx) = serve_once("200 OK", store);
        let options = Options {
            link_header: Some(format!("<{url}>; rel=\"c2pa-manifest\"")),
            watermarks: false,
            ..Options::default()
        };
        let first = ailabel::check(&image, &options);
        assert!(first.c2pa.is_none());
        let r = first.remote_manifest.as_ref().unwrap();
        assert_eq!((r.status, r.fetchable), (RemoteStatus::NotFetched, false));
        // The binary refuses plain HTTP: nothing is fetched, the report stays as it was.
        let same = recheck(&image, &options, first.clone());
        assert_eq!(same, first);
        let again = recheck_with(&image, &options, first, &test_agent());
        rx.recv().unwrap();
        assert_eq!(again.remote_manifest.unwrap().status, RemoteStatus::Fetched);
        let c = again.c2pa.unwrap();
        assert_eq!(c.remote_manifest.as_deref(), Some(url.as_str()));
        assert_eq!(c.state, ailabel::c2pa::C2paState::Invalid);
        assert!(c
            .validation
            .failure
            .iter()
            .any(|f| f.code == "assertion.dataHash.mismatch"));
    }

    #[test]
    fn production_refuses_plain_http_even_on_loopback() {
        let e = Agent::production()
            .fetch("http://127.0.0.1:9/m.c2pa")
            .unwrap_err();
        assert_eq!(e, "only https: addresses are fetched");
        let e = Agent::production()
            .fetch("https://user:pw@example.com/m.c2pa")
            .unwrap_err();
        assert!(e.contains("user name"), "{e}");
    }
}

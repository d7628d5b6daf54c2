//! Drawing the provenance picture ([`super::graph`]) as inline SVG, the same markup for the HTML
//! report and the page. Accessible: the picture is a group titled by its `<title>`/`<desc>`, and
//! every node and edge is an image with its own `<title>` (name) and `<desc>` (everything the box
//! shows, unclipped). Presentation attributes only, no `style` attributes (the page's CSP allows
//! no inline styles), no scripts, no links, no external references: the only image sources are
//! checked `data:` URIs. Written for the HTML parser (no `xmlns`; it puts `<svg>` in the SVG
//! namespace itself).

use super::escape::{clip, escape};
use super::graph::{Graph, Node};
use super::words;
use std::fmt::Write;

const NODE_W: u32 = 270;
const NODE_H: u32 = 138;
const GAP_X: u32 = 36;
const GAP_Y: u32 = 70;
const MARGIN: u32 = 12;
const THUMB: u32 = 72;
/// Characters of text that fit beside the thumbnail at the font size used.
const LINE_CHARS: usize = 27;

const INK: &str = "#1d2733";
const MUTED: &str = "#56606b";
const FAIL: &str = "#a3161c";
const OK: &str = "#146c43";
const EDGE: &str = "#6b7682";

/// The SVG of `g`. `id` prefixes the ids inside it, so that several pictures can share one
/// document (it must be made of ASCII letters, digits and `-`; anything else is replaced).
pub fn draw(g: &Graph, id: &str) -> String {
    let id: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let cols = u32::try_from(g.widest.max(1)).unwrap_or(1);
    let rows = u32::try_from(g.levels.max(1)).unwrap_or(1);
    let width = MARGIN * 2 + cols * NODE_W + cols.saturating_sub(1) * GAP_X;
    let height = MARGIN * 2 + rows * NODE_H + rows.saturating_sub(1) * GAP_Y;
    let mut s = String::new();
    let manifests = g.nodes.iter().filter(|n| n.is_manifest()).count();
    let failing = g.nodes.iter().filter(|n| !n.failures.is_empty()).count();
    let _ = write!(
        s,
        "<svg class=\"provenance\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
         role=\"group\" aria-labelledby=\"{id}-t\" aria-describedby=\"{id}-d\" font-family=\"system-ui, sans-serif\">\
         <title id=\"{id}-t\">Provenance of this file: its Content Credentials and their ingredients</title>\
         <desc id=\"{id}-d\">{}</desc>",
        escape(&format!(
            "{manifests} manifest{} and {} ingredient{} without credentials, drawn from the file \
             (top) down to its ingredients. {failing} failing.{}",
            plural(manifests),
            g.nodes.len().saturating_sub(manifests),
            plural(g.nodes.len().saturating_sub(manifests)),
            if g.omitted > 0 { format!(" {} more not drawn.", g.omitted) } else { String::new() }
        ))
    );
    let _ = write!(
        s,
        "<defs><marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" \
         markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"{EDGE}\"/></marker></defs>"
    );
    let pos = |n: &Node| -> (u32, u32) {
        let in_row =
            u32::try_from(g.nodes.iter().filter(|m| m.level == n.level).count()).unwrap_or(1);
        // Centre each row under the widest one.
        let row_w = in_row * NODE_W + in_row.saturating_sub(1) * GAP_X;
        let offset = (width - MARGIN * 2).saturating_sub(row_w) / 2;
        let col = u32::try_from(n.column).unwrap_or(0);
        let lvl = u32::try_from(n.level).unwrap_or(0);
        (
            MARGIN + offset + col * (NODE_W + GAP_X),
            MARGIN + lvl * (NODE_H + GAP_Y),
        )
    };
    for (i, e) in g.edges.iter().enumerate() {
        let (Some(p), Some(c)) = (g.nodes.get(e.parent), g.nodes.get(e.child)) else {
            continue;
        };
        let ((px, py), (cx, cy)) = (pos(p), pos(c));
        let (x1, y1) = (cx + NODE_W / 2, cy);
        let (x2, y2) = (px + NODE_W / 2, py + NODE_H);
        let (mx, my) = ((x1 + x2) / 2, (y1 + y2) / 2);
        let name = format!("{} is {} {}", c.title, e.relationship, p.title);
        let _ = write!(
            s,
            "<g class=\"edge\" role=\"img\" aria-labelledby=\"{id}-e{i}\"><title id=\"{id}-e{i}\">{}</title>\
             <path d=\"M{x1} {y1}C{x1} {my} {x2} {my} {x2} {y2}\" fill=\"none\" stroke=\"{EDGE}\" \
             stroke-width=\"1.5\" marker-end=\"url(#{id}-arrow)\"/>\
             <rect x=\"{}\" y=\"{}\" width=\"96\" height=\"18\" rx=\"9\" fill=\"#eef1f4\" stroke=\"{EDGE}\" stroke-width=\"0.5\"/>\
             <text x=\"{mx}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"{INK}\">{}</text></g>",
            escape(&name),
            mx.saturating_sub(48),
            my.saturating_sub(9),
            my + 4,
            escape(&clip(&e.relationship, 14)),
        );
    }
    for (i, n) in g.nodes.iter().enumerate() {
        let (x, y) = pos(n);
        node(&mut s, n, x, y, &format!("{id}-n{i}"));
    }
    s.push_str("</svg>");
    s
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The plain-language lines of a node, in order: used both for the box and for its `<desc>`.
fn facts(n: &Node) -> Vec<String> {
    let mut out = Vec::new();
    if !n.is_manifest() {
        out.push(if n.failures.is_empty() {
            "No Content Credentials".to_owned()
        } else {
            "Its Content Credentials are referenced but missing".to_owned()
        });
        if let Some(f) = &n.format {
            out.push(f.clone());
        }
    } else {
        out.push(format!(
            "Signed by {}",
            n.signer.as_deref().unwrap_or("an unknown signer")
        ));
        out.push(match &n.time {
            Some(t) if n.timestamped => format!("{t} (timestamped)"),
            Some(t) => format!("{t} (claimed)"),
            None => "no signing time".to_owned(),
        });
        if !n.actions.is_empty() {
            let names: Vec<String> = n.actions.iter().map(|a| action_word(a)).collect();
            out.push(names.join(", "));
        }
        if let Some(k) = &n.ai {
            out.push(format!("AI: {}", words::ai_kind(k)));
        }
        if n.untrusted {
            out.push("Signer not on a trust list in use".to_owned());
        }
    }
    out
}

/// `c2pa.color_adjustments` → `color adjustments`.
fn action_word(a: &str) -> String {
    a.strip_prefix("c2pa.").unwrap_or(a).replace('_', " ")
}

fn node(s: &mut String, n: &Node, x: u32, y: u32, id: &str) {
    let failing = !n.failures.is_empty();
    let lines = facts(n);
    let mut desc = lines.join(". ");
    if failing {
        let _ = write!(desc, ". Failed checks: {}", n.failures.join(", "));
    }
    if !n.notes.is_empty() {
        let _ = write!(desc, ". Notes: {}", n.notes.join(", "));
    }
    if let Some(g) = &n.generator {
        let _ = write!(desc, ". Made with {g}");
    }
    if let Some(l) = &n.label {
        let _ = write!(desc, ". Manifest {l}");
    }
    let name = match (n.active, n.is_manifest()) {
        (true, _) => format!("{} (this file)", n.title),
        (false, true) => format!("{} (ingredient with Content Credentials)", n.title),
        (false, false) => format!("{} (ingredient)", n.title),
    };
    let (stroke, width, dash) = match (failing, n.is_manifest()) {
        (true, _) => (FAIL, 3, ""),
        (false, true) => (
            if n.active { OK } else { INK },
            if n.active { 2 } else { 1 },
            "",
        ),
        (false, false) => (MUTED, 1, " stroke-dasharray=\"5 4\""),
    };
    let _ = write!(
        s,
        "<g class=\"node{}\" role=\"img\" aria-labelledby=\"{id}-t\" aria-describedby=\"{id}-d\"{}>\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>\
         <rect x=\"{x}\" y=\"{y}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"8\" fill=\"#fff\" \
         stroke=\"{stroke}\" stroke-width=\"{width}\"{dash}/>",
        if failing { " failing" } else { "" },
        if failing { " data-failing=\"true\"" } else { "" },
        escape(&name),
        escape(&desc),
    );
    let text_x = match &n.thumbnail {
        Some(uri) => {
            let _ = write!(
                s,
                "<image x=\"{}\" y=\"{}\" width=\"{THUMB}\" height=\"{THUMB}\" \
                 preserveAspectRatio=\"xMidYMid meet\" href=\"{}\"/>",
                x + 8,
                y + 8,
                escape(uri)
            );
            x + THUMB + 16
        }
        None => x + 10,
    };
    let chars = if n.thumbnail.is_some() {
        LINE_CHARS
    } else {
        LINE_CHARS + 12
    };
    let _ = write!(
        s,
        "<text x=\"{text_x}\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" fill=\"{INK}\">{}</text>",
        y + 22,
        escape(&clip(&n.title, chars.saturating_sub(3)))
    );
    let mut line_y = y + 40;
    for l in lines.iter().take(5) {
        let _ = write!(
            s,
            "<text x=\"{text_x}\" y=\"{line_y}\" font-size=\"11\" fill=\"{MUTED}\">{}</text>",
            escape(&clip(l, chars))
        );
        line_y += 16;
    }
    if n.active {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{OK}\">THIS FILE</text>",
            x + 8,
            y + NODE_H - 8
        );
    }
    if let Some(code) = n.failures.first() {
        let more = n.failures.len().saturating_sub(1);
        let label = if more > 0 {
            format!("✗ {code} (+{more})")
        } else {
            format!("✗ {code}")
        };
        let _ = write!(
            s,
            "<rect x=\"{x}\" y=\"{}\" width=\"{NODE_W}\" height=\"22\" rx=\"0\" fill=\"{FAIL}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"11\" font-weight=\"bold\" fill=\"#fff\" class=\"status-code\">{}</text>",
            y + NODE_H - 22,
            x + 8,
            y + NODE_H - 7,
            escape(&clip(&label, 40))
        );
    }
    s.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use super::super::graph::{Edge, Node};
    use super::*;

    fn hostile_graph() -> Graph {
        let evil = "<script>alert(1)</script>\"'&";
        Graph {
            nodes: vec![
                Node {
                    label: Some(evil.to_owned()),
                    title: evil.to_owned(),
                    signer: Some(evil.to_owned()),
                    actions: vec!["c2pa.opened".to_owned()],
                    active: true,
                    ..Node::default()
                },
                Node {
                    title: "child".to_owned(),
                    failures: vec!["assertion.dataHash.mismatch".to_owned()],
                    level: 1,
                    ..Node::default()
                },
            ],
            edges: vec![Edge {
                parent: 0,
                child: 1,
                relationship: evil.to_owned(),
            }],
            omitted: 0,
            levels: 2,
            widest: 1,
        }
    }

    #[test]
    fn every_node_has_title_and_desc_and_nothing_leaks() {
        let svg = draw(&hostile_graph(), "g1\"><script>");
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("alert(1)</"), "{svg}");
        assert_eq!(svg.matches("<g class=\"node").count(), 2);
        assert_eq!(svg.matches("<title id=\"g1---script--n").count(), 2);
        assert_eq!(svg.matches("<desc id=\"g1---script--n").count(), 2);
        assert!(svg.contains("✗ assertion.dataHash.mismatch"));
        assert!(svg.contains("data-failing=\"true\""));
        assert!(!svg.contains("style="));
        assert!(!svg.contains("http"));
    }
}

//! Cross-check against the real `invisible-watermark` package: for every image in
//! `$AILABEL_WMCHECK_DIR` (made by scripts/wmcheck/make_sdxl_set.py), print the SDXL bit
//! agreement our dwtDct decoder reads, as `file<TAB>agree<TAB>bits`, for scripts/wmcheck/run.py to
//! compare with imwatermark's own decode. Ignored by default: it needs files made by Python.

use crate::support::payloads::payload;
use ailabel::watermark::{dwtdct, pixels};

#[test]
#[ignore = "needs AILABEL_WMCHECK_DIR from scripts/wmcheck/make_sdxl_set.py"]
fn print_sdxl_agreement_of_the_wmcheck_set() {
    let dir = std::env::var("AILABEL_WMCHECK_DIR").expect("set AILABEL_WMCHECK_DIR");
    let sdxl = payload("SDXL");
    let want = sdxl.bits();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("png" | "jpg")))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no images in {dir}");
    let limits = ailabel::Limits::default();
    let mut out = String::new();
    for path in names {
        let bytes = std::fs::read(&path).unwrap();
        let format = ailabel::sniff::sniff(&bytes);
        let decoded = pixels::decode(&bytes, format, &limits).unwrap().unwrap();
        let votes = dwtdct::Votes::scan(decoded.view()).unwrap();
        let bits = votes.bits(48).unwrap();
        let agree = bits.iter().zip(&want).filter(|(a, b)| a == b).count();
        let s: String = bits.iter().map(|b| if *b { '1' } else { '0' }).collect();
        let name = path.file_name().unwrap().to_string_lossy();
        out.push_str(&format!("{name}\t{agree}\t{s}\n"));
    }
    let target = std::env::var("AILABEL_WMCHECK_OUT").unwrap_or_else(|_| format!("{dir}/ours.tsv"));
    std::fs::write(target, out).unwrap();
}

//! The native PNG decode reads rows as they come (`watermark::pixels::png`): 16-bit samples
//! stripped to their high byte, grey widened, Adam7 passes put back in place. Expected values
//! come from the samples written (by the independent encoder in `support::png`), and a 16-bit
//! PNG must give the detection its 8-bit twin gives.

use crate::support::payloads::payload;
use crate::support::png::encode;
use crate::support::watermark::*;
use ailabel::watermark::pixels;
use ailabel::{Family, Format, Limits, Options, Strength};

/// The RGBA an 8-bit decoder shows for `samples` (PNG §13.12: a 16-bit sample to 8 bits is its
/// high byte when the low byte is dropped; grey is R = G = B; no alpha channel is opaque).
fn expected_rgba(channels: usize, depth: u8, samples: &[u16]) -> Vec<u8> {
    let to8 = |s: u16| if depth == 16 { (s >> 8) as u8 } else { s as u8 };
    samples
        .chunks(channels)
        .flat_map(|p| {
            let p: Vec<u8> = p.iter().map(|&s| to8(s)).collect();
            match channels {
                1 => [p[0], p[0], p[0], 255],
                2 => [p[0], p[0], p[0], p[1]],
                3 => [p[0], p[1], p[2], 255],
                _ => [p[0], p[1], p[2], p[3]],
            }
        })
        .collect()
}

#[test]
fn png_rows_decode_to_the_samples_written_in_every_layout() {
    let mut rng = Rng::new(5);
    // Odd sizes leave Adam7 passes short or empty (a 1x1 image has pass 1 only).
    for (w, h) in [(37, 29), (1, 1), (3, 3), (9, 1), (1, 9), (16, 16)] {
        for channels in 1..=4 {
            for depth in [8u8, 16] {
                let samples: Vec<u16> = (0..w * h * channels)
                    .map(|_| {
                        let v = rng.next() as u16;
                        if depth == 8 {
                            v & 0xff
                        } else {
                            v
                        }
                    })
                    .collect();
                let want = expected_rgba(channels, depth, &samples);
                for adam7 in [false, true] {
                    let png = encode(w, h, channels, depth, adam7, &samples);
                    let d = pixels::decode(&png, Format::Png, &Limits::default())
                        .unwrap()
                        .unwrap();
                    assert_eq!(
                        (d.width as usize, d.height as usize),
                        (w, h),
                        "{w}x{h} channels {channels} depth {depth} adam7 {adam7}"
                    );
                    assert!(
                        d.rgba == want,
                        "{w}x{h} channels {channels} depth {depth} adam7 {adam7}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_16_bit_png_and_its_8_bit_twin_give_the_same_detection() {
    // The fixture of `dwtdct.rs`: the test encoder marks a smooth image with the SDXL payload.
    let base = desaturate(&noisy(512, 512, 11, Some(2.0)), 0.25);
    let marked = encode_u8(&to_u8(&base), &payload("SDXL").bits());
    let eight: Vec<u16> = marked.rgba.iter().map(|&v| u16::from(v)).collect();
    // The 16-bit twin: each sample v scaled to 16 bits exactly (PNG §12.5: v·65535/255 = v·257).
    let sixteen: Vec<u16> = eight.iter().map(|&v| v * 257).collect();
    let mut seen = Vec::new();
    for (depth, samples) in [(8u8, &eight), (16, &sixteen)] {
        for adam7 in [false, true] {
            let png = encode(512, 512, 4, depth, adam7, samples);
            let r = ailabel::check(&png, &Options::default());
            let sigs: Vec<String> = r
                .signals
                .iter()
                .filter(|s| s.family == Family::Watermark)
                .map(|s| {
                    assert_eq!(s.strength, Strength::Watermark);
                    serde_json::to_string(s).unwrap()
                })
                .collect();
            assert_eq!(sigs.len(), 1, "depth {depth} adam7 {adam7}: {:?}", r.errors);
            assert!(sigs[0].contains(&payload("SDXL").hex()), "{}", sigs[0]);
            seen.push(sigs);
        }
    }
    assert!(seen.windows(2).all(|p| p[0] == p[1]), "{seen:#?}");
}

//! Unicode Normalization Form C (UAX #15 §3: canonical decomposition, canonical ordering,
//! canonical composition), for the text data hash ([`super::text`]).
//!
//! The Unicode data (full canonical decompositions, compositions, combining classes) is part of
//! the text-data part ([`crate::labels::text::grammar::data`], taken from `unicode-normalization`
//! when the file is generated), which the browser module loads only for inputs with text: the
//! tables were about 50 KB of the browser module's static data. The pipeline asks for the part
//! when a C2PA manifest sits in a text wrapper. The test compares it with the crate's `nfc()`.

#[cfg(not(all(target_arch = "wasm32", not(feature = "text-module"))))]
use crate::labels::text::grammar::data;

/// Whether NFC can be computed: the text data is there (native builds, the text part), or the
/// browser's text part is loaded. When not, asking records that it is wanted.
pub fn ready() -> bool {
    #[cfg(all(target_arch = "wasm32", not(feature = "text-module")))]
    return crate::labels::text::part::ready();
    #[cfg(not(all(target_arch = "wasm32", not(feature = "text-module"))))]
    return data::get().is_some();
}

/// The NFC form of `s`; `None` when the text data is not loaded (the browser module before it
/// fetched the text part, which computes it there: [`crate::labels::text::part`]).
pub fn nfc(s: &str) -> Option<String> {
    #[cfg(all(target_arch = "wasm32", not(feature = "text-module")))]
    return crate::labels::text::part::nfc(s);
    #[cfg(not(all(target_arch = "wasm32", not(feature = "text-module"))))]
    local(s)
}

#[cfg(not(all(target_arch = "wasm32", not(feature = "text-module"))))]
fn local(s: &str) -> Option<String> {
    let data = data::get()?;
    // Canonical decomposition, with each character's combining class.
    let mut d: Vec<(char, u8)> = Vec::new();
    let _ = d.try_reserve(s.len());
    for c in s.chars() {
        data.decompose_canonical(c, |x| d.push((x, data.combining_class(x))));
    }
    // Canonical ordering: each run of non-starters sorted (stably) by combining class.
    for run in d.split_mut(|x| x.1 == 0) {
        crate::bytes::sort_by_key(run, |x| u64::from(x.1));
    }
    // Canonical composition: a character joins the last starter unless something between them
    // blocks it (a starter, or a mark of the same or a higher class).
    let mut out: Vec<char> = Vec::new();
    let _ = out.try_reserve(d.len());
    let mut starter: Option<usize> = None;
    let mut last_class: Option<u8> = None;
    for (c, class) in d {
        let blocked = last_class.is_some_and(|l| l == 0 || l >= class);
        if !blocked {
            if let Some(s) = starter.and_then(|i| out.get_mut(i)) {
                if let Some(composed) = data.compose(*s, c) {
                    *s = composed;
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(out.len());
            last_class = None;
        } else {
            last_class = Some(class);
        }
        out.push(c);
    }
    Some(out.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    fn nfc(s: &str) -> String {
        super::nfc(s).unwrap()
    }

    fn theirs(s: &str) -> String {
        s.nfc().collect()
    }

    #[test]
    fn every_character_alone_and_before_marks() {
        let marks = [
            '\u{301}', '\u{323}', '\u{308}', '\u{31B}', '\u{345}', '\u{3099}', '\u{1161}',
            '\u{11A8}',
        ];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(nfc(&s), theirs(&s), "{c:?}");
            if c.is_alphabetic() || ('\u{1100}'..='\u{11FF}').contains(&c) {
                for m in marks {
                    let s: String = [c, m].into_iter().collect();
                    assert_eq!(nfc(&s), theirs(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn random_strings_of_letters_marks_and_jamo() {
        let pool: Vec<char> = "aAeEoOuUiInNcCsSzZ \u{301}\u{300}\u{302}\u{303}\u{308}\u{323}\u{327}\u{328}\u{31B}\u{345}\u{334}\u{338}\u{3099}\u{309A}\u{0F71}\u{0F72}\u{0F80}\u{05B0}\u{05B4}\u{05BC}\u{0651}\u{064E}\u{1100}\u{1161}\u{11A8}\u{AC00}\u{AC01}\u{212B}\u{2126}\u{0344}\u{0F73}\u{1E0A}\u{1E0C}\u{00C5}\u{00E9}\u{0390}\u{03B9}\u{0399}\u{304B}\u{30AB}\u{FB2C}\u{0915}\u{093C}\u{1D15E}\u{1D165}".chars().collect();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = usize::try_from(seed % 9).unwrap();
            let s: String = (0..len)
                .map(|i| {
                    pool[usize::try_from(
                        (seed >> (i * 6 + 8)) % u64::try_from(pool.len()).unwrap(),
                    )
                    .unwrap()]
                })
                .collect();
            assert_eq!(nfc(&s), theirs(&s), "{s:?}");
        }
    }
}

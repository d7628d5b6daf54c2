//! The checked IFD reader, used for TIFF/DNG files and for EXIF blocks.
//!
//! TIFF 6.0 §2 ("Image File Structure"): an 8-byte header (`II*\0` little-endian or `MM\0*`
//! big-endian, then the u32 offset of IFD0), then a chain of IFDs, each a u16 entry count, 12-byte
//! entries (tag u16, type u16, count u32, value-or-offset u32) and the u32 offset of the next IFD.
//! BigTIFF (`II+\0` / `MM\0+`, version 43) widens the count to u64, entries to 20 bytes and
//! offsets to u64. EXIF 2.32 §4.6.3 adds sub-IFDs reached through pointer tags (Exif IFD 0x8769,
//! GPS IFD 0x8825, Interoperability IFD 0xA005); TIFF/EP and DNG use SubIFDs 0x014A.
//!
//! Every count, offset and type in the input is a claim: sizes use checked multiplication, values
//! are borrowed only when they fit inside the input, visited IFD offsets are remembered so a cycle
//! ends, and the number of IFDs and entries and the sub-IFD depth are bounded by [`Limits`]. A
//! damaged IFD later in the file stops the walk of that chain with a warning; only an unreadable
//! header is an [`Error`].

use crate::bytes::{to_u64, to_usize, Reader};
use crate::error::{Error, Result};
use crate::limits::{Limits, Tally};
use std::collections::HashSet;
use std::ops::Range;

/// Tag of the XMP packet (XMP Specification Part 3 §1.1.4).
pub const TAG_XMP: u16 = 700;
/// Tag of the C2PA manifest store (C2PA 2.2 A.3.5).
pub const TAG_C2PA: u16 = 0xCD41;
/// Pointer to the Exif IFD (EXIF 2.32 §4.6.3).
pub const TAG_EXIF_IFD: u16 = 0x8769;
/// Pointer to the GPS IFD (EXIF 2.32 §4.6.3).
pub const TAG_GPS_IFD: u16 = 0x8825;
/// Pointer to the Interoperability IFD (EXIF 2.32 §4.6.3).
pub const TAG_INTEROP_IFD: u16 = 0xA005;
/// Offsets of child IFDs (TIFF/EP, DNG; Adobe PageMaker 6.0 TIFF Technical Note 1).
pub const TAG_SUB_IFDS: u16 = 0x014A;

/// Which kind of IFD an entry sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfdKind {
    /// An IFD of the main chain (IFD0, IFD1 thumbnail, further pages).
    Main,
    /// The Exif IFD.
    Exif,
    /// The GPS IFD.
    Gps,
    /// The Interoperability IFD.
    Interop,
    /// A SubIFD (DNG raw data, reduced-resolution images).
    Sub,
}

impl IfdKind {
    /// A short name for locations, e.g. `"IFD0"` or `"Exif IFD"`.
    pub fn name(self, index: u32) -> String {
        match self {
            IfdKind::Main => format!("IFD{index}"),
            IfdKind::Exif => "Exif IFD".to_owned(),
            IfdKind::Gps => "GPS IFD".to_owned(),
            IfdKind::Interop => "Interop IFD".to_owned(),
            IfdKind::Sub => format!("SubIFD{index}"),
        }
    }
}

/// One IFD entry, with its value bytes borrowed from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The IFD kind it sits in.
    pub ifd: IfdKind,
    /// The index of its IFD within its kind (0 for IFD0, 1 for IFD1, ...).
    pub ifd_index: u32,
    /// The tag.
    pub tag: u16,
    /// The field type (1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 7 UNDEFINED, ...).
    pub field_type: u16,
    /// The value count, as claimed.
    pub count: u64,
    /// The value bytes (`count` × the type's size), empty for an unknown type.
    pub value: &'a [u8],
    /// Absolute offset of the value bytes in the input.
    pub offset: u64,
}

impl Entry<'_> {
    /// The value as text: ASCII/UTF-8 up to the first NUL, trailing spaces trimmed.
    pub fn text(&self) -> String {
        let end = self
            .value
            .iter()
            .position(|&b| b == 0)
            .unwrap_or(self.value.len());
        let s = String::from_utf8_lossy(self.value.get(..end).unwrap_or_default());
        s.trim_end().to_owned()
    }

    /// The absolute byte range of the value.
    pub fn range(&self) -> Range<u64> {
        self.offset..self.offset.saturating_add(to_u64(self.value.len()))
    }
}

/// What [`read_entries`] found.
#[derive(Debug, Clone, Default)]
pub struct Tiff<'a> {
    /// True for big-endian (`MM`) byte order.
    pub big_endian: bool,
    /// True for BigTIFF.
    pub big_tiff: bool,
    /// Every entry of every IFD reached, in walk order.
    pub entries: Vec<Entry<'a>>,
    /// The absolute byte range of every IFD reached (count, entries, next offset).
    pub ifds: Vec<Range<u64>>,
    /// Problems met after the header (a bad offset, a cycle, a limit), each naming where.
    pub warnings: Vec<String>,
}

impl<'a> Tiff<'a> {
    /// The first entry with `tag` in an IFD of kind `ifd`.
    pub fn find(&self, ifd: IfdKind, tag: u16) -> Option<&Entry<'a>> {
        self.entries.iter().find(|e| e.ifd == ifd && e.tag == tag)
    }
}

/// The size in bytes of one value of TIFF field type `t` (TIFF 6.0 §2, BigTIFF types 16–18), or
/// `None` for a type we do not know.
pub fn type_size(t: u16) -> Option<u64> {
    match t {
        1 | 2 | 6 | 7 => Some(1),
        3 | 8 => Some(2),
        4 | 9 | 11 | 13 => Some(4),
        5 | 10 | 12 | 16 | 17 | 18 => Some(8),
        _ => None,
    }
}

/// Read the IFD structure of `tiff` (a TIFF file or an EXIF block starting with its TIFF header).
/// `base` is the absolute offset of `tiff` in the input, for locations and messages.
///
/// Contract: arbitrary bytes never panic; the walk ends (visited offsets are remembered); at most
/// `limits.max_blocks` IFDs plus entries are read and sub-IFDs nest at most `limits.max_depth`.
pub fn read_entries<'a>(tiff: &'a [u8], base: u64, limits: &Limits) -> Result<Tiff<'a>> {
    let mut r = Reader::with_base(tiff, base, "TIFF header");
    let order = r.array::<2>("byte order")?;
    let big = match &order {
        b"MM" => true,
        b"II" => false,
        _ => {
            return Err(Error::malformed(format!(
                "expected TIFF byte order \"II\" or \"MM\" at offset {base}, but found \"{}\"",
                crate::error::escape(&order, 2)
            )))
        }
    };
    let version = r.u16(big, "version")?;
    let (big_tiff, first) = match version {
        42 => (false, u64::from(r.u32(big, "IFD0 offset")?)),
        43 => {
            let size = r.u16(big, "BigTIFF offset size")?;
            let _reserved = r.u16(big, "BigTIFF reserved")?;
            if size != 8 {
                return Err(Error::unsupported(format!(
                    "expected BigTIFF offset size 8 at offset {}, but found {size}",
                    base.saturating_add(4)
                )));
            }
            (true, read_u64(&mut r, big, "IFD0 offset")?)
        }
        v => {
            return Err(Error::malformed(format!(
                "expected TIFF version 42 or 43 at offset {}, but found {v}",
                base.saturating_add(2)
            )))
        }
    };
    let mut walker = IfdWalker {
        data: tiff,
        base,
        big,
        big_tiff,
        limits,
        visited: HashSet::new(),
        budget: Tally::new(limits.max_blocks, "number of IFDs and entries"),
        out: Tiff {
            big_endian: big,
            big_tiff,
            ..Tiff::default()
        },
    };
    walker.chain(first, IfdKind::Main, 0);
    Ok(walker.out)
}

/// Walks IFDs with a shared visited set and block budget.
struct IfdWalker<'a, 'l> {
    data: &'a [u8],
    base: u64,
    big: bool,
    big_tiff: bool,
    limits: &'l Limits,
    visited: HashSet<u64>,
    budget: Tally,
    out: Tiff<'a>,
}

impl<'a> IfdWalker<'a, '_> {
    /// Follow a chain of IFDs starting at `offset` (relative to the TIFF header).
    fn chain(&mut self, mut offset: u64, kind: IfdKind, depth: u32) {
        let mut index = 0u32;
        while offset != 0 {
            match self.ifd(offset, kind, index, depth) {
                Ok(next) => offset = next,
                Err(e) => {
                    self.warn(e.message().to_owned());
                    return;
                }
            }
            // Only the main chain and SubIFD chains continue; EXIF/GPS IFDs have no successor
            // that means anything (EXIF 2.32 §4.6.2 sets it to 0).
            if !matches!(kind, IfdKind::Main | IfdKind::Sub) {
                return;
            }
            index = index.saturating_add(1);
        }
    }

    /// Record a warning; past [`MAX_WARNINGS`] one notice replaces the rest, so a file made of
    /// thousands of broken pointers cannot flood the report.
    fn warn(&mut self, message: String) {
        match self.out.warnings.len() {
            n if n < MAX_WARNINGS => self.out.warnings.push(message),
            n if n == MAX_WARNINGS => self
                .out
                .warnings
                .push("further TIFF warnings were left out".to_owned()),
            _ => {}
        }
    }

    fn spend(&mut self, what: &str) -> Result<()> {
        self.budget.one(what)
    }

    /// Read one IFD at `offset`; return the offset of the next one.
    fn ifd(&mut self, offset: u64, kind: IfdKind, index: u32, depth: u32) -> Result<u64> {
        let abs = self.base.saturating_add(offset);
        if !self.visited.insert(offset) {
            return Err(Error::malformed(format!(
                "expected each TIFF IFD once, but the IFD at offset {abs} is reached again (a loop)"
            )));
        }
        self.spend("the TIFF IFDs")?;
        self.out.ifds.try_reserve(1).map_err(|_| oom())?;
        let mut r = Reader::with_base(self.data, self.base, "TIFF IFD");
        r.seek(to_usize(offset, "IFD offset")?, "IFD offset")?;
        let count = if self.big_tiff {
            read_u64(&mut r, self.big, "IFD entry count")?
        } else {
            u64::from(r.u16(self.big, "IFD entry count")?)
        };
        let entry_size: u64 = if self.big_tiff { 20 } else { 12 };
        let table_len = count.checked_mul(entry_size).ok_or_else(|| {
            Error::malformed(format!("IFD entry count {count} at {abs} overflows"))
        })?;
        let mut table = r.sub(table_len, "IFD entries")?;
        let next = if self.big_tiff {
            read_u64(&mut r, self.big, "next IFD offset")?
        } else {
            u64::from(r.u32(self.big, "next IFD offset")?)
        };
        self.out.ifds.push(abs..r.offset());
        let mut children: Vec<(u64, IfdKind)> = Vec::new();
        for _ in 0..count {
            self.spend("the TIFF IFD entries")?;
            let entry = self.entry(&mut table, kind, index)?;
            if let Some(child) = child_kind(entry.tag) {
                if entry.tag == TAG_SUB_IFDS || entry.value.len() <= 8 {
                    self.pointers(&entry, child, &mut children)?;
                }
            }
            self.out.entries.try_reserve(1).map_err(|_| oom())?;
            self.out.entries.push(entry);
        }
        if !children.is_empty() {
            if depth >= self.limits.max_depth {
                self.warn(format!(
                    "sub-IFDs of the IFD at offset {abs} exceed the depth limit of {}",
                    self.limits.max_depth
                ));
            } else {
                for (child_offset, child) in children {
                    self.chain(child_offset, child, depth.saturating_add(1));
                }
            }
        }
        Ok(next)
    }

    /// Read one entry from the IFD table; the value is borrowed if it lies inside the input.
    fn entry(&self, table: &mut Reader<'a>, ifd: IfdKind, ifd_index: u32) -> Result<Entry<'a>> {
        let tag = table.u16(self.big, "entry tag")?;
        let field_type = table.u16(self.big, "entry type")?;
        let count = if self.big_tiff {
            read_u64(table, self.big, "entry count")?
        } else {
            u64::from(table.u32(self.big, "entry count")?)
        };
        let inline_at = table.pos();
        let inline_len: usize = if self.big_tiff { 8 } else { 4 };
        let value_or_offset = if self.big_tiff {
            read_u64(table, self.big, "entry value")?
        } else {
            u64::from(table.u32(self.big, "entry value")?)
        };
        let size = type_size(field_type).and_then(|s| s.checked_mul(count));
        let (value, rel) = match size {
            None => (&[][..], to_u64(inline_at)),
            Some(n) if n <= to_u64(inline_len) => {
                let start = inline_at;
                let end = start.saturating_add(to_usize(n, "entry size")?);
                (
                    table.all().get(start..end).unwrap_or_default(),
                    to_u64(start),
                )
            }
            Some(n) => {
                let start = to_usize(value_or_offset, "entry offset")?;
                let end = start.checked_add(to_usize(n, "entry size")?);
                match end.and_then(|end| self.data.get(start..end)) {
                    Some(v) => (v, value_or_offset),
                    // A value outside the input: keep the entry, without its value.
                    None => (&[][..], value_or_offset),
                }
            }
        };
        // Inline values sit inside the IFD table, whose reader is based at the IFD start.
        let offset = match size {
            Some(n) if n <= to_u64(inline_len) => table.base().saturating_add(rel),
            _ => self.base.saturating_add(rel),
        };
        Ok(Entry {
            ifd,
            ifd_index,
            tag,
            field_type,
            count,
            value,
            offset,
        })
    }

    /// The IFD offsets a pointer tag holds (one for Exif/GPS/Interop, several for SubIFDs).
    fn pointers(
        &self,
        entry: &Entry<'_>,
        child: IfdKind,
        out: &mut Vec<(u64, IfdKind)>,
    ) -> Result<()> {
        let width = match entry.field_type {
            4 | 13 => 4,
            16 | 18 => 8,
            _ => return Ok(()),
        };
        let mut r = Reader::new(entry.value, "TIFF IFD pointer");
        // Read a bounded number of pointers: the rest of a huge SubIFDs list is ignored.
        let mut budget = MAX_CHILDREN.saturating_mul(4);
        while r.remaining() >= width && budget > 0 {
            budget -= 1;
            let off = if width == 4 {
                u64::from(r.u32(self.big, "IFD pointer")?)
            } else {
                read_u64(&mut r, self.big, "IFD pointer")?
            };
            if out.len() >= MAX_CHILDREN {
                break;
            }
            // A pointer to an IFD already read, or listed twice, adds nothing.
            if off != 0 && !self.visited.contains(&off) && !out.iter().any(|(o, _)| *o == off) {
                out.try_reserve(1).map_err(|_| oom())?;
                out.push((off, child));
            }
        }
        Ok(())
    }
}

/// Most child IFDs followed from one IFD (DNG files have a handful of SubIFDs).
const MAX_CHILDREN: usize = 64;
/// Most warnings kept from one TIFF structure.
const MAX_WARNINGS: usize = 16;

fn child_kind(tag: u16) -> Option<IfdKind> {
    match tag {
        TAG_EXIF_IFD => Some(IfdKind::Exif),
        TAG_GPS_IFD => Some(IfdKind::Gps),
        TAG_INTEROP_IFD => Some(IfdKind::Interop),
        TAG_SUB_IFDS => Some(IfdKind::Sub),
        _ => None,
    }
}

fn read_u64(r: &mut Reader<'_>, big: bool, field: &str) -> Result<u64> {
    if big {
        r.u64_be(field)
    } else {
        r.u64_le(field)
    }
}

#[cold]
pub(super) fn oom() -> Error {
    Error::malformed("cannot reserve memory for the TIFF entries")
}

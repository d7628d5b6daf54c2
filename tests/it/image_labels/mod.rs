//! Unsigned image labels (XMP, IPTC, EXIF, PNG text, TIFF), on payloads and files built here and
//! on real files.

mod copies;
mod e2e;
mod exif;
mod real_files;
mod tiff;
mod unsigned;

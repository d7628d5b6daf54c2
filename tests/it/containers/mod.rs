//! The container walkers: files built here per format, and the real files of `tests/fixtures`.

mod bmff;
mod decompression;
mod gif;
mod jpeg;
mod jxl_brob;
mod png;
mod real_files;
mod riff;

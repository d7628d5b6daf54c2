//! The dwtDct payloads of FORMATS.md §5.1, written out from the generators' published reference
//! code rather than taken from the crate, so that the tests check the crate's table.

/// A dwtDct payload as a generator's reference code embeds it.
#[derive(Clone, Copy, Debug)]
pub struct Published {
    /// The name the report gives it.
    pub name: &'static str,
    /// The generator the report names.
    pub tool: &'static str,
    /// The message as the reference code writes it.
    pub message: Message,
}

/// How a reference script hands its message to `invisible-watermark`.
#[derive(Clone, Copy, Debug)]
pub enum Message {
    /// `set_watermark('bytes', …)`: the bytes, most significant bit first (`np.unpackbits`).
    Bytes(&'static [u8]),
    /// `set_watermark('bits', [int(b) for b in bin(MESSAGE)[2:]])`: the binary digits of an
    /// integer, leading zeros dropped.
    Int(u64),
}

/// The payloads of FORMATS.md §5.1, from the generators' published code.
pub const PUBLISHED: [Published; 4] = [
    // CompVis/stable-diffusion scripts/txt2img.py: `wm = "StableDiffusionV1"`.
    Published {
        name: "SD 1.x",
        tool: "Stable Diffusion 1.x",
        message: Message::Bytes(b"StableDiffusionV1"),
    },
    // Stability-AI/stablediffusion scripts/txt2img.py: `wm = "SDV2"`.
    Published {
        name: "SD 2.x",
        tool: "Stable Diffusion 2.x",
        message: Message::Bytes(b"SDV2"),
    },
    // Stability-AI/generative-models: `WATERMARK_MESSAGE`, embedded as `bin(…)[2:]`.
    Published {
        name: "SDXL",
        tool: "Stable Diffusion XL",
        message: Message::Int(0b101100111110110010010000011110111011000110011110),
    },
    // black-forest-labs/flux: `WATERMARK_MESSAGE`, embedded as `bin(…)[2:]`, which drops its two
    // leading zero bits.
    Published {
        name: "FLUX",
        tool: "FLUX",
        message: Message::Int(0b001010101111111010000111100111001111010100101110),
    },
];

impl Published {
    /// The embedded bits, in order.
    pub fn bits(&self) -> Vec<bool> {
        match self.message {
            Message::Bytes(b) => b
                .iter()
                .flat_map(|b| (0..8).rev().map(move |i| (b >> i) & 1 == 1))
                .collect(),
            Message::Int(n) => format!("{n:b}").chars().map(|c| c == '1').collect(),
        }
    }

    /// How many bits it has.
    pub fn len(&self) -> usize {
        self.bits().len()
    }

    /// The message in hex as reports show it (`0xB3EC907BB19E`).
    pub fn hex(&self) -> String {
        match self.message {
            Message::Bytes(b) => {
                let digits: String = b.iter().map(|x| format!("{x:02X}")).collect();
                format!("0x{digits}")
            }
            Message::Int(n) => format!("0x{n:012X}"),
        }
    }
}

/// The published payload called `name`.
pub fn payload(name: &str) -> Published {
    *PUBLISHED.iter().find(|p| p.name == name).unwrap()
}

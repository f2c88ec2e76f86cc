//! An inspector's portrait as the card shows it: a JPEG, PNG or WebP decoded and re-encoded as
//! JPEG at the card's size, so that nothing but the pixels survives (no EXIF location, no
//! camera, no comment). Anything that is not such an image is refused.

use image::{ImageFormat, ImageReader, Limits};

/// The largest upload read.
pub const MAX_PHOTO_BYTES: usize = 5 * 1024 * 1024;
/// The card shows 120×150; twice that for sharp screens.
pub const PHOTO_WIDTH: u32 = 240;
pub const PHOTO_HEIGHT: u32 = 300;
/// Larger pictures are refused before they are decoded (a small file can claim to be huge).
const MAX_SIDE: u32 = 12_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoError {
    Empty,
    TooLarge,
    NotAnImage,
}

impl PhotoError {
    pub fn key(self) -> &'static str {
        match self {
            PhotoError::Empty => "admin-error-photo-empty",
            PhotoError::TooLarge => "admin-error-photo-large",
            PhotoError::NotAnImage => "admin-error-photo-type",
        }
    }
}

/// The portrait to store: centred, cropped to the card's proportions, JPEG.
pub fn portrait(bytes: &[u8]) -> Result<Vec<u8>, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_e| PhotoError::NotAnImage)?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err(PhotoError::NotAnImage);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    reader.limits(limits);
    let image = reader.decode().map_err(|_e| PhotoError::NotAnImage)?;
    let card = image
        .resize_to_fill(
            PHOTO_WIDTH,
            PHOTO_HEIGHT,
            image::imageops::FilterType::Lanczos3,
        )
        .into_rgb8();
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
    card.write_with_encoder(encoder)
        .map_err(|_e| PhotoError::NotAnImage)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]));
        let mut out = std::io::Cursor::new(Vec::new());
        image
            .write_to(&mut out, ImageFormat::Png)
            .unwrap_or_default();
        out.into_inner()
    }

    #[test]
    fn an_image_becomes_a_jpeg_of_the_cards_size() {
        let jpeg = portrait(&png(800, 600)).unwrap_or_default();
        let back = image::load_from_memory(&jpeg).map(|i| (i.width(), i.height()));
        assert_eq!(back.ok(), Some((PHOTO_WIDTH, PHOTO_HEIGHT)));
        assert_eq!(jpeg.get(..2), Some(&[0xFF, 0xD8][..]));
    }

    #[test]
    fn what_is_not_an_image_is_refused() {
        assert_eq!(portrait(b""), Err(PhotoError::Empty));
        assert_eq!(
            portrait(b"%PDF-1.4 not a photo"),
            Err(PhotoError::NotAnImage)
        );
        let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
        assert_eq!(portrait(gif), Err(PhotoError::NotAnImage));
        let whole = png(100, 100);
        let truncated = whole.get(..40).unwrap_or_default();
        assert_eq!(portrait(truncated), Err(PhotoError::NotAnImage));
        assert_eq!(
            portrait(&vec![0; MAX_PHOTO_BYTES + 1]),
            Err(PhotoError::TooLarge)
        );
    }
}

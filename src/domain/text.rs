//! Text folding for search: one Latin, lower-case, accent-free form for Cyrillic Russian,
//! Cyrillic Kazakh and Latin spellings alike, so that "Абая", "Abaya" and "abaia" meet.

use unicode_normalization::UnicodeNormalization;

fn cyrillic_to_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'й' | 'ы' => "y",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' | 'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// The search form of `text`: lower case, Latin letters and digits, single spaces.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfc().flat_map(char::to_lowercase) {
        if let Some(latin) = cyrillic_to_latin(c) {
            out.push_str(latin);
            continue;
        }
        // Kazakh Latin letters and other accents: drop the marks (ä -> a, ş -> s).
        for d in c.nfd() {
            match d {
                'q' => out.push('k'),
                'ı' => out.push('i'),
                'x' => out.push('h'),
                'w' => out.push('v'),
                'j' => out.push('y'),
                d if d.is_ascii_alphanumeric() => out.push(d),
                d if unicode_normalization::char::is_combining_mark(d) => {}
                _ => out.push(' '),
            }
        }
    }
    // "kh" and "h" are the same sound in transliterations; "ia" and "ya" too.
    let out = out
        .replace("kh", "h")
        .replace("ia", "ya")
        .replace("iu", "yu");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn spellings_in_three_alphabets_fold_together() {
        let same = [
            ("улица Абая", "ulitsa abaya"),
            ("Ulitsa Abaia", "ulitsa abaya"),
            ("Азаттық даңғылы", "azattyk dangyly"),
            ("Azattyq dańğyly", "azattyk dangyly"),
            ("Azattyk Avenue", "azattyk avenue"),
            ("Махамбет", "mahambet"),
            ("Makhambet", "mahambet"),
            ("  Сәтбаев,   12 ", "satbaev 12"),
            ("Жилгородок", "zhilgorodok"),
            ("Үй  Ұлы Һ Ғ Қ Ң Ө І", "uy uly h g k n o i"),
        ];
        for (input, folded) in same {
            assert_eq!(fold(input), folded, "{input}");
        }
    }
}

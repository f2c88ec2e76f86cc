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

/// Orders names as people read them: runs of digits by their value («№ 2» before «№ 10»),
/// the rest by letter, ignoring case.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    natural_key(a).cmp(&natural_key(b))
}

/// A name cut into text and numbers: «Пост № 10» is ("пост № ", 10).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Number(u128),
    Text(String),
}

fn natural_key(text: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut n: u128 = 0;
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                n = n.saturating_mul(10).saturating_add(u128::from(d));
                chars.next();
            }
            parts.push(Part::Number(n));
        } else {
            let mut t = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_ascii_digit() {
                    break;
                }
                t.extend(c.to_lowercase());
                chars.next();
            }
            parts.push(Part::Text(t));
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::{fold, natural_cmp};

    #[test]
    fn names_with_numbers_sort_as_people_read_them() {
        let mut names = vec!["Пост № 10", "пост № 2", "Пост № 1", "Пост № 11", "Бекет"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            ["Бекет", "Пост № 1", "пост № 2", "Пост № 10", "Пост № 11"]
        );
    }

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

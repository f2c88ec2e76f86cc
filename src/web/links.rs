//! Links every audience builds: query strings, map and directions links.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but the unreserved characters of RFC 3986 is escaped in a query value.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_');

/// One query value, percent-encoded.
pub fn encode(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE).to_string()
}

/// `k=v&k=v` of the pairs whose value is not empty (after trimming).
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> String {
    pairs
        .into_iter()
        .filter_map(|(k, v)| {
            let v = v.map(str::trim).filter(|v| !v.is_empty())?;
            Some(format!("{k}={}", encode(v)))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Walking directions on OpenStreetMap from `from`, or the place itself without a start.
pub fn osm_directions(from: Option<(f64, f64)>, to: (f64, f64)) -> String {
    let (lat, lon) = to;
    match from {
        Some((from_lat, from_lon)) => format!(
            "https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route={from_lat:.5}%2C{from_lon:.5}%3B{lat:.5}%2C{lon:.5}"
        ),
        // A route still: the map's directions with the destination filled in.
        None => format!(
            "https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&to={lat:.5}%2C{lon:.5}"
        ),
    }
}

/// A `geo:` link that opens the phone's map app.
pub fn geo_uri(lat: f64, lon: f64) -> String {
    format!("geo:{lat:.6},{lon:.6}?z=17")
}

/// A beat's public page.
pub fn beat_href(number: &str) -> String {
    let n: String = url::form_urlencoded::byte_serialize(number.as_bytes()).collect();
    format!("/beats/{n}")
}

/// The portal's address for links that leave it (a printed талон, an invitation, Open311's
/// discovery): `PORTAL_PUBLIC_URL` when set, else as the request reached this instance.
pub fn site(req: &actix_web::HttpRequest, settings: &crate::config::Settings) -> String {
    match &settings.notify.public_url {
        Some(url) => url.trim_end_matches('/').to_string(),
        None => {
            let info = req.connection_info();
            format!("{}://{}", info.scheme(), info.host())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_escape_all_but_unreserved_characters() {
        assert_eq!(
            encode("улица Абая 5&x=1"),
            "%D1%83%D0%BB%D0%B8%D1%86%D0%B0%20%D0%90%D0%B1%D0%B0%D1%8F%205%26x%3D1"
        );
        assert_eq!(encode("a-b.c_d~"), "a-b.c_d%7E");
        assert_eq!(
            osm_directions(None, (47.1, 51.9)),
            "https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&to=47.10000%2C51.90000",
            "without a starting point still a route, not a map"
        );
        assert_eq!(
            query_string([("q", Some(" noise ")), ("kind", None), ("from", Some(""))]),
            "q=noise"
        );
    }
}

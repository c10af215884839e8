//! Bodies from the network are hostile: decoding them takes time linear in
//! their size, whatever the message templates are, and never loses a
//! value that `to_json` wrote. Before the decoder matched messages left to
//! right, the 44 KB body below took about 30 s and the 1.6 MB one over
//! three minutes; these tests have no time limit of their own, and would
//! simply not finish. `scripts/bench.py --parts encode` prints the time
//! per byte from 1 KB to 1 MB (`decode/hostile`).

use proptest::prelude::*;

/// Errors whose messages are read back from the body.
#[errcat::catalog("tests/catalogs/hostile_bodies.yaml")]
#[derive(Clone, PartialEq)]
enum Hostile {}

fn body(code: &str, message: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({"error": {"code": code, "message": message}})).unwrap()
}

#[test]
fn three_placeholders_and_a_crafted_message_of_44_kb() {
    let crafted = ", ".repeat(22_000);
    // No final `!`: the message does not fit; the fields come back empty.
    let decoded = Hostile::from_response(400, &body("three_placeholders", &crafted)).unwrap();
    assert_eq!(
        decoded,
        Hostile::ThreePlaceholders {
            a: String::new(),
            b: String::new(),
            c: String::new()
        }
    );
    // With it, the literals are taken at their first occurrences.
    let decoded =
        Hostile::from_response(400, &body("three_placeholders", &format!("{crafted}!"))).unwrap();
    let Hostile::ThreePlaceholders { a, b, c } = decoded else {
        panic!("another error")
    };
    assert_eq!(
        (a.as_str(), b.as_str(), c.len()),
        ("", "", crafted.len() - 4)
    );
}

#[test]
fn errors_sharing_a_code_and_a_crafted_message_of_1_6_mb() {
    let crafted = format!("Lost {}", " at ".repeat(400_000));
    // Neither template fits (no final `.`), so the status decides.
    let decoded = Hostile::from_response(409, &body("shared", &crafted)).unwrap();
    assert!(matches!(decoded, Hostile::Found { .. }), "{decoded:?}");
    let decoded = Hostile::from_response(404, &body("shared", &format!("{crafted}."))).unwrap();
    let Hostile::Lost { item, place } = decoded else {
        panic!("the template of `lost` fits: {decoded:?}")
    };
    assert_eq!(item, "");
    assert_eq!(place.len(), crafted.len() - 9);
}

#[test]
fn the_message_decides_before_the_status() {
    // The exact message of `exact` wins even with another status, or none.
    for status in [Some(404), Some(409), Some(500), Some(200), None] {
        let decoded = Hostile::from_response(status, &body("shared", "Nothing here.")).unwrap();
        assert_eq!(decoded, Hostile::Exact, "status {status:?}");
        let decoded =
            Hostile::from_response(status, &body("shared", "Found keys at home.")).unwrap();
        assert_eq!(
            decoded,
            Hostile::Found {
                item: "keys".into(),
                place: "home".into()
            },
            "status {status:?}"
        );
    }
}

#[test]
fn a_float_that_serde_json_would_round_wrongly_comes_back_exactly() {
    let e = Hostile::Measured {
        value: -1.118_675_855_544_337e90,
        pair_left: None,
    };
    assert_eq!(Hostile::from_response(e.status(), &e.to_json()).unwrap(), e);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Every finite float survives `to_json` then `from_response`.
    #[test]
    fn floats_round_trip(value in any::<f64>().prop_filter("finite", |v| v.is_finite())) {
        let e = Hostile::Measured { value, pair_left: None };
        let back = Hostile::from_response(e.status(), &e.to_json()).unwrap();
        prop_assert_eq!(back, e);
    }

    /// Every text survives, in the details and as the last placeholder
    /// read back from the message (which takes all up to the final `!`).
    #[test]
    fn texts_round_trip(a in ".*", c in ".*") {
        let e = Hostile::Measured { value: 0.5, pair_left: Some(a) };
        prop_assert_eq!(Hostile::from_response(e.status(), &e.to_json()).unwrap(), e);
        let e = Hostile::ThreePlaceholders { a: String::new(), b: String::new(), c };
        prop_assert_eq!(Hostile::from_response(e.status(), &e.to_json()).unwrap(), e);
    }

    /// Arbitrary bytes never make the decoder panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = Hostile::from_response(None, &bytes);
    }
}

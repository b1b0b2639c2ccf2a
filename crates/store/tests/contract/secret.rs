//! Site secrets: made once, then the same for every caller.

contract_test!(
    async fn a_site_secret_is_made_once_and_then_always_the_same(store) {
        let first = store.site_secret("cookies").await.unwrap();
        assert_eq!(first.len(), wegwijs_store::SITE_SECRET_BYTES);
        assert_eq!(store.site_secret("cookies").await.unwrap(), first);
        let other = store.site_secret("csrf").await.unwrap();
        assert_ne!(other, first, "each name has its own secret");
        assert_ne!(first, vec![0u8; 32]);
    }
);

contract_test!(
    async fn nodes_asking_at_the_same_time_get_the_same_secret(store) {
        let asks: Vec<_> = (0..4)
            .map(|_| {
                let store = store.clone();
                tokio::spawn(async move { store.site_secret("gedeeld").await.unwrap() })
            })
            .collect();
        let mut secrets = Vec::new();
        for ask in asks {
            secrets.push(ask.await.unwrap());
        }
        assert!(secrets.windows(2).all(|w| w[0] == w[1]), "{secrets:?}");
    }
);

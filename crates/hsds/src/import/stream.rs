//! Walks the top level of the file: an array is read one service at a time; a single
//! object (a service, or an organisation with `services`) is small and read whole.

use super::collect::Collector;
use crate::ImportError;
use crate::wire::{HsdsService, WireOrganization};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::io::Read;

pub(super) fn read(reader: impl Read, collector: &mut Collector) -> Result<(), ImportError> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    TopLevel(collector).deserialize(&mut de)?;
    de.end()?;
    Ok(())
}

struct TopLevel<'c>(&'c mut Collector);

impl<'de> DeserializeSeed<'de> for TopLevel<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopLevel<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of HSDS service objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(service) = seq.next_element::<HsdsService>()? {
            self.0.add_service(service);
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let value: serde_json::Value = de::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
        let is_organisation = value.get("services").is_some() && value.get("status").is_none();
        if is_organisation {
            let mut organisation: WireOrganization = serde_json::from_value(value).map_err(de::Error::custom)?;
            for mut service in std::mem::take(&mut organisation.services) {
                if service.organization.is_none() {
                    service.organization = Some(organisation.clone());
                }
                self.0.add_service(service);
            }
        } else {
            self.0.add_service(serde_json::from_value(value).map_err(de::Error::custom)?);
        }
        Ok(())
    }
}

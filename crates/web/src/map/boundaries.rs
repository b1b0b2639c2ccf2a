//! The municipality and wijk boundaries from `data/geo-nl`, embedded in the binary and
//! parsed once into plain coordinate rings, so that drawing a map never touches JSON
//! and never depends on a tile server or any other third party.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The embedded `gemeenten_2023.geojson` (342 land-only municipality outlines, 0.4 MB).
const GEMEENTEN_GEOJSON: &str = include_str!("../../../../data/geo-nl/gemeenten_2023.geojson");
/// The embedded `wijken_2024.geojson` (3,474 generalised wijk outlines, 3 MB).
const WIJKEN_GEOJSON: &str = include_str!("../../../../data/geo-nl/wijken_2024.geojson");

/// A WGS84 position as `GeoJSON` orders it: (longitude, latitude) in degrees.
pub(super) type LonLat = (f64, f64);

/// An axis-aligned box in (longitude, latitude) degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Bbox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl Bbox {
    /// The box around one point, to be grown with [`Self::include`].
    pub fn around((lon, lat): LonLat) -> Self {
        Self { min_lon: lon, min_lat: lat, max_lon: lon, max_lat: lat }
    }

    /// Grows the box to contain a point.
    pub fn include(&mut self, (lon, lat): LonLat) {
        self.min_lon = self.min_lon.min(lon);
        self.min_lat = self.min_lat.min(lat);
        self.max_lon = self.max_lon.max(lon);
        self.max_lat = self.max_lat.max(lat);
    }

    /// Grows the box to contain another box.
    pub fn union(&mut self, other: &Bbox) {
        self.include((other.min_lon, other.min_lat));
        self.include((other.max_lon, other.max_lat));
    }

    /// Whether the boxes overlap (touching counts).
    pub fn intersects(&self, other: &Bbox) -> bool {
        self.min_lon <= other.max_lon
            && other.min_lon <= self.max_lon
            && self.min_lat <= other.max_lat
            && other.min_lat <= self.max_lat
    }
}

/// One municipality or wijk: all rings of its (multi)polygon, outer rings and holes
/// alike, so that one path with `fill-rule="evenodd"` draws the holes correctly.
#[derive(Debug)]
pub(super) struct Shape {
    /// CBS code: "GM1525" or "WK152511".
    pub code: String,
    /// Bounding box of all rings, to skip shapes outside the view without looking at
    /// their points.
    pub bbox: Bbox,
    /// Rings without `GeoJSON`'s repeated closing point.
    pub rings: Vec<Vec<LonLat>>,
}

/// All boundaries with the look-ups the renderer needs.
#[derive(Debug)]
pub(super) struct Boundaries {
    /// The municipalities, in file order.
    pub municipalities: Vec<Shape>,
    /// The wijken, in file order.
    pub wijken: Vec<Shape>,
    municipality_index: HashMap<String, usize>,
    wijken_by_municipality: HashMap<String, Vec<usize>>,
}

impl Boundaries {
    /// The embedded boundaries, parsed on first use (some tens of milliseconds).
    pub fn builtin() -> &'static Boundaries {
        static BOUNDARIES: OnceLock<Boundaries> = OnceLock::new();
        BOUNDARIES.get_or_init(|| {
            Self::parse(GEMEENTEN_GEOJSON, WIJKEN_GEOJSON)
                .expect("the embedded boundary files are checked by the unit tests")
        })
    }

    /// Reads the two `GeoJSON` files in the `data/geo-nl` format; wijk features must
    /// carry a `municipality_code` property.
    pub fn parse(gemeenten: &str, wijken: &str) -> Result<Self, serde_json::Error> {
        let municipalities: Vec<Shape> =
            serde_json::from_str::<Collection>(gemeenten)?.features.into_iter().map(|f| f.into_shape().0).collect();
        let mut wijk_shapes = Vec::new();
        let mut wijken_by_municipality: HashMap<String, Vec<usize>> = HashMap::new();
        for feature in serde_json::from_str::<Collection>(wijken)?.features {
            let (shape, municipality_code) = feature.into_shape();
            if let Some(code) = municipality_code {
                wijken_by_municipality.entry(code).or_default().push(wijk_shapes.len());
            }
            wijk_shapes.push(shape);
        }
        let municipality_index = municipalities.iter().enumerate().map(|(i, s)| (s.code.clone(), i)).collect();
        Ok(Self { municipalities, wijken: wijk_shapes, municipality_index, wijken_by_municipality })
    }

    /// The outline of the municipality with this CBS code ("GM1525").
    pub fn municipality(&self, code: &str) -> Option<&Shape> {
        self.municipality_index.get(code).map(|&i| &self.municipalities[i])
    }

    /// The wijk outlines of a municipality; empty for an unknown code.
    pub fn wijken_in(&self, municipality_code: &str) -> impl Iterator<Item = &Shape> {
        self.wijken_by_municipality.get(municipality_code).into_iter().flatten().map(|&i| &self.wijken[i])
    }
}

/// The parts of a `GeoJSON` `FeatureCollection` that are used; other members are ignored.
#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Properties {
    code: String,
    municipality_code: Option<String>,
}

/// Only areas occur in these files; a point or line feature fails the parse, which the
/// unit tests would catch when the data is replaced.
#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Polygon(Vec<Vec<LonLat>>),
    MultiPolygon(Vec<Vec<Vec<LonLat>>>),
}

impl Feature {
    fn into_shape(self) -> (Shape, Option<String>) {
        let mut rings: Vec<Vec<LonLat>> = match self.geometry {
            Geometry::Polygon(rings) => rings,
            Geometry::MultiPolygon(polygons) => polygons.into_iter().flatten().collect(),
        };
        rings.retain_mut(|ring| {
            if ring.len() > 1 && ring.first() == ring.last() {
                ring.pop();
            }
            ring.len() >= 3
        });
        let mut points = rings.iter().flatten().copied();
        let mut bbox = Bbox::around(points.next().unwrap_or_default());
        points.for_each(|p| bbox.include(p));
        rings.iter_mut().for_each(|ring| ring.shrink_to_fit());
        (Shape { code: self.properties.code, bbox, rings }, self.properties.municipality_code)
    }
}

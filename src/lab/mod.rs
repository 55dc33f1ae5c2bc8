//! The MNIST lab (drawing pad, feature maps, training in a worker). Not built yet: its section shows
//! the placeholder from `lessons::view_for`.

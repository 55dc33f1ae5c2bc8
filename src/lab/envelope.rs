//! How a protocol message crosses `postMessage`: `{ json, buffers }`, with the buffers transferred
//! (moved, not copied) to the other side.

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// The message object and its transfer list.
pub fn pack(json: String, buffers: &[Vec<u8>]) -> (JsValue, Array) {
    let list = Array::new();
    for b in buffers {
        list.push(&Uint8Array::from(&b[..]).buffer());
    }
    let obj = Object::new();
    let _ = Reflect::set(&obj, &"json".into(), &json.into());
    let _ = Reflect::set(&obj, &"buffers".into(), &list);
    (obj.into(), list)
}

/// The JSON text and the buffers of a received message.
pub fn unpack(data: &JsValue) -> Result<(String, Vec<Vec<u8>>), String> {
    let json = Reflect::get(data, &"json".into())
        .ok()
        .and_then(|j| j.as_string())
        .ok_or("message without JSON")?;
    let buffers = Reflect::get(data, &"buffers".into())
        .ok()
        .and_then(|b| b.dyn_into::<Array>().ok())
        .ok_or("message without buffers")?;
    let mut out = Vec::with_capacity(buffers.length() as usize);
    for b in buffers.iter() {
        let buf: ArrayBuffer = b.dyn_into().map_err(|_| "a buffer is not an ArrayBuffer")?;
        out.push(Uint8Array::new(&buf).to_vec());
    }
    Ok((json, out))
}

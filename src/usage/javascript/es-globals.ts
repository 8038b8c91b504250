/**
 * The globals ESLint declares in every JavaScript and TypeScript file it lints with `ecmaVersion:
 * "latest"` (the global object's properties up to ECMAScript 2026, with the `Object.prototype` members
 * ES3 listed), and those a CommonJS file adds. The rule host declares the same (rule-host.ts), so the
 * rules see the scopes they see in ESLint: `getStaticValue` evaluates `String(...)` or
 * `encodeURIComponent(...)` only when the name resolves to a declared global. A test holds this list
 * equal to ESLint's own.
 */
export const ES_GLOBALS: readonly string[] = [
  // ES3
  "Array",
  "Boolean",
  "constructor",
  "Date",
  "decodeURI",
  "decodeURIComponent",
  "encodeURI",
  "encodeURIComponent",
  "Error",
  "escape",
  "eval",
  "EvalError",
  "Function",
  "hasOwnProperty",
  "Infinity",
  "isFinite",
  "isNaN",
  "isPrototypeOf",
  "Math",
  "NaN",
  "Number",
  "Object",
  "parseFloat",
  "parseInt",
  "propertyIsEnumerable",
  "RangeError",
  "ReferenceError",
  "RegExp",
  "String",
  "SyntaxError",
  "toLocaleString",
  "toString",
  "TypeError",
  "undefined",
  "unescape",
  "URIError",
  "valueOf",
  // ES5
  "JSON",
  // ES2015
  "ArrayBuffer",
  "DataView",
  "Float32Array",
  "Float64Array",
  "Int16Array",
  "Int32Array",
  "Int8Array",
  "Intl",
  "Map",
  "Promise",
  "Proxy",
  "Reflect",
  "Set",
  "Symbol",
  "Uint16Array",
  "Uint32Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "WeakMap",
  "WeakSet",
  // ES2017
  "Atomics",
  "SharedArrayBuffer",
  // ES2020
  "BigInt",
  "BigInt64Array",
  "BigUint64Array",
  "globalThis",
  // ES2021
  "AggregateError",
  "FinalizationRegistry",
  "WeakRef",
  // ES2025
  "Float16Array",
  "Iterator",
  // ES2026
  "AsyncDisposableStack",
  "DisposableStack",
  "SuppressedError",
  "Temporal",
];

/** What `sourceType: "commonjs"` adds. */
export const COMMONJS_GLOBALS: readonly string[] = ["exports", "global", "module", "require"];

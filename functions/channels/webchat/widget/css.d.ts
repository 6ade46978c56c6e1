/** Stylesheets are bundled as text (esbuild's `text` loader; jest's transform in tests/support). */
declare module '*.css' {
  const text: string;
  export default text;
}

// nunjucks' runtime without its compiler (the package's slim build): the same API as the package, for
// templates given already compiled (see render.ts).
declare module 'nunjucks/browser/nunjucks-slim.js' {
  import nunjucks from 'nunjucks';
  export default nunjucks;
}

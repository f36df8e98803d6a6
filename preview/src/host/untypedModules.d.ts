// Shared with plugins only by name; the host never calls into them, so no types are needed.
declare module 'd3';
declare module 'prismjs';
declare module 'react-router-dom';
declare module 'slate';
declare module 'slate-plain-serializer';
declare module 'slate-react';

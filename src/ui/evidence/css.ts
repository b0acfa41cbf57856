// On-screen look of the evidence files panel (.xa-*), lazy with it.
export const ATTACH_CSS = `
.xa-panel { border-top: 1px solid #e3e8ee; margin-top: 12px; padding-top: 8px; }
.xa-panel h4 { margin: 0 0 6px; font-size: 1rem; }
.xa-list { list-style: none; padding: 0; margin: 0; }
.xa-item { display: flex; gap: 10px; align-items: flex-start; padding: 8px 0; border-bottom: 1px solid #eef1f4; }
.xa-thumb { flex: 0 0 96px; width: 96px; height: 96px; min-height: 96px; padding: 0; margin: 0; overflow: hidden; display: flex; align-items: center; justify-content: center; background: #f2f5f8; border: 1px solid #c9d3de; border-radius: 6px; color: #0b5394; font-weight: 700; }
.xa-thumb img { width: 96px; height: 96px; object-fit: cover; display: block; }
.xa-meta { flex: 1 1 auto; min-width: 0; }
.xa-meta p { margin: 2px 0; overflow-wrap: anywhere; }
.xa-name { font-weight: 600; }
.xa-pick { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.xa-pick .hint { flex-basis: 100%; }
.xa-draft .xa-preview { max-width: 100%; max-height: 240px; display: block; margin: 0 auto 8px; }
.xa-viewer { position: fixed; inset: 0; z-index: 50; background: rgba(0,0,0,0.9); display: flex; flex-direction: column; align-items: center; justify-content: center; padding: 12px; gap: 12px; }
.xa-viewer img { max-width: 100%; max-height: calc(100% - 72px); object-fit: contain; background: #fff; }
`;

// On-screen look of the "Hồ sơ" screen (cards, actions, the paper preview), scoped to .xd-screen.
// Lazy with the screen; the papers' own CSS lives in src/dossier/html.ts.
export const SCREEN_CSS = `
.xd-screen { display: block; }
.xd-screen .xd-card { border: 1px solid #c9d3de; border-radius: 8px; padding: 12px; margin: 12px 0; background: #fff; }
.xd-screen .xd-card h2 { margin: 0 0 8px; font-size: 1.1rem; }
.xd-screen .xd-card h3 { margin: 12px 0 6px; font-size: 1rem; }
.xd-screen .xd-badge { display: inline-block; padding: 4px 8px; border-radius: 4px; font-weight: 600; }
.xd-screen .xd-locked { background: #e6f0e6; color: #1e5b1e; }
.xd-screen .xd-open { background: #fff4e0; color: #6b4500; }
.xd-screen .xd-warn { color: #8a1c1c; font-weight: 600; }
.xd-screen .xd-warnings { padding-left: 18px; margin: 0; }
.xd-screen .xd-warnings li { margin: 4px 0; }
.xd-screen .xd-w-block b { color: #8a1c1c; }
.xd-screen .xd-w-warn b { color: #6b4500; }
.xd-screen .xd-docs { list-style: none; padding: 0; margin: 0; }
.xd-screen .xd-docs li { border-top: 1px solid #e3e8ee; padding: 8px 0; }
.xd-screen .xd-docs h3 { margin: 0 0 6px; }
.xd-screen .xd-actions { display: flex; flex-wrap: wrap; gap: 8px; }
.xd-screen button { min-height: 44px; padding: 8px 12px; font: inherit; border-radius: 6px; border: 1px solid #0b5394; background: #fff; color: #0b5394; }
.xd-screen button:disabled { opacity: .55; }
.xd-screen button.xd-primary { background: #0b5394; color: #fff; }
.xd-screen button.xd-danger { background: #8a1c1c; border-color: #8a1c1c; color: #fff; }
.xd-screen .xd-print-all { margin-top: 8px; }
.xd-screen .xd-confirm { border-left: 4px solid #0b5394; padding-left: 8px; margin: 8px 0; }
.xd-screen .field { margin: 8px 0; }
.xd-screen .field label { display: block; font-weight: 600; margin-bottom: 4px; }
.xd-screen .field input, .xd-screen .field textarea { width: 100%; box-sizing: border-box; min-height: 44px; font: inherit; padding: 8px; }
.xd-screen .hint { color: #4a5561; font-size: .9rem; margin: 4px 0; }
.xd-screen .field-error { color: #8a1c1c; margin: 4px 0; }
.xd-screen .xd-preview { overflow: hidden; margin-top: 12px; background: #eef1f4; padding: 4px; }
.xd-screen .xd-paper { background: #fff; width: 210mm; box-sizing: border-box; padding: 20mm 15mm 20mm 30mm; box-shadow: 0 1px 4px rgba(0,0,0,.2); }
`;

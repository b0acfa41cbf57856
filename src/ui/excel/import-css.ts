// On-screen look of the import panel, scoped to .xi; lazy with the panel (the first-load stylesheet
// stays as it is). Status colours match the app's pills; rows read in sunlight at 360 px.
export const IMPORT_CSS = `
.xi .xi-list { margin-top: 12px; }
.xi .xi-row { border: 2px solid #d0d4da; border-radius: 8px; padding: 8px 12px; background: #fff; }
.xi .xi-row.xi-refused { border-color: var(--bad); }
.xi .xi-row.xi-new { border-color: var(--brand); }
.xi .xi-row.xi-changed { border-color: var(--warn); }
.xi .xi-head { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.xi .xi-pill-refused { border-color: var(--bad); background: var(--bad-bg); color: var(--bad); }
.xi .xi-pill-new { border-color: var(--brand); background: #e8f0fa; color: var(--brand); }
.xi .xi-pill-changed { border-color: var(--warn); background: var(--warn-bg); color: var(--warn); }
.xi .xi-problems { margin: 6px 0; padding-left: 1.2em; color: var(--bad); font-weight: 600; }
.xi .xi-problems li { margin: 4px 0; }
.xi .xi-changes { margin: 6px 0; padding-left: 1.2em; }
.xi .xi-changes li { margin: 4px 0; }
.xi .xi-cell, .xi .xi-old { color: var(--muted); }
.xi .xi-old { text-decoration: line-through; }
.xi .xi-new { font-variant-numeric: tabular-nums; }
.xi progress { height: 20px; margin: 8px 0; }
.xi .xi-actions { margin-top: 12px; }
`;

// Row heights for wrapped text: spreadsheet programs do not all grow a row to fit wrapped cells
// when they open a file (LibreOffice keeps the default height), so each row is given the height
// its longest cell needs at the column widths set. Pure.
import type { CellObject, SheetData } from 'write-excel-file/universal';

const LINE_PT = 14.5;

/** Sets `height` on the first cell of each row whose wrapped text needs more than one line. */
export function fitRows(data: SheetData, widths: readonly { width: number }[], fontSize = 11): SheetData {
  const scale = fontSize / 11;
  return data.map((row) => {
    let lines = 1;
    row.forEach((cell, c) => {
      if (!cell || typeof cell !== 'object' || cell instanceof Date) return;
      const o = cell as CellObject;
      if (!o.wrap || typeof o.value !== 'string' || (o.rowSpan ?? 1) > 1) return;
      let chars = 0;
      for (let k = c; k < c + (o.columnSpan ?? 1); k++) chars += widths[k]?.width ?? 10;
      // A bold or larger font takes more room per character.
      const perLine = Math.max(4, (chars - 1) / (scale * (o.fontWeight === 'bold' ? 1.12 : 1)));
      const needed = o.value.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
      lines = Math.max(lines, needed);
    });
    if (lines <= 1) return row;
    // On a cell that is there: a cell covered by a merge above must stay null.
    const at = row.findIndex((c) => c !== null && c !== undefined);
    if (at < 0) return row;
    const cell = row[at]!;
    const withHeight: CellObject = typeof cell === 'object' && !(cell instanceof Date) ? { ...(cell as CellObject), height: Math.round(lines * LINE_PT * scale + 4) } : { value: cell, height: Math.round(lines * LINE_PT * scale + 4) };
    return row.map((c, i) => (i === at ? withHeight : c));
  });
}

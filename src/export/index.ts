// The spreadsheets the app writes (lazy chunk): the villages' table of a year, the import template
// and the Bảng tổng hợp, each an .xlsx Blob. Builders are pure over data handed in; src/ui reads
// the data and saves the file.
export { villagesTableXlsx, templateXlsx, villagesTableData, templateData, villagesFileName, COUNT_FORMAT, XLSX_TYPE, type VillagesTableInput } from './villages-sheet.ts';
export { summaryTableXlsx, summaryTableData, summaryFileName, SUMMARY_TITLE, type SummaryTableInput } from './summary-sheet.ts';
export { provinceSheetXlsx, provinceSheetData, provinceFileName, type ProvinceSheetInput } from './province-sheet.ts';

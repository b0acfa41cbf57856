// The catalog's part `cli` in Vietnamese: what the command lines say — `npm run admin`, `npm run
// import`, `npm run assess`, `npm start`'s banner and its settings. A command line prints the
// Vietnamese, and after " / " the English where a line is for both (src/i18n/cli.ts both()).

export const words = {
  // npm run admin (server/admin.ts)
  'cli.adminUsage': `Cách dùng / usage: npm run admin -- <lệnh> [tùy chọn]   (--db FILE hoặc DB_PATH=FILE)

  create-commune --code 21085 --name "Xã Ba Tô" --province "Quảng Ngãi" \\
                 --village "T01=Thôn Làng Mạ" --village "T02=Thôn Gò Ra" …
  issue-code     --province "Quảng Ngãi" --role reviewer --name "Người nhận"
                 (một mã cho mọi xã của tỉnh, cả các xã thêm sau / one code for every commune of
                  the province, those added later too)
  issue-code     --commune 21085 --role collector|officer|chair|reviewer --name "Người nhận" \\
                 [--villages T01,T02]      (chỉ cho người thu thập / collectors only)
                 [--days 30]               (số ngày mã còn dùng được / days the code stays valid)
  list-codes     [--commune 21085]
  revoke-token   --id <id từ list-codes>   (thu hồi mã và thiết bị đã dùng nó)
  import-villages --commune 21085 --year 2025 <tệp.xlsx | tệp.csv>
                 (nhập số liệu các thôn từ bảng tính, chỉ khi tệp không có lỗi; kiểm tra trước bằng
                  npm run import -- <tệp> --dry-run / applies a clean villages' sheet as ordinary ops)
`,
  'cli.missingOption': 'Thiếu --{option}',
  'cli.unknownCommand': 'Lệnh không có: {command}',
  'cli.badCommuneCode': 'Mã xã không hợp lệ: {code}',
  'cli.badVillageOption': '--village phải có dạng MÃ=Tên: {value}',
  'cli.duplicateVillage': 'Mã thôn bị trùng',
  'cli.communeExists': 'Xã {code} đã có',
  'cli.communeCreated': 'Đã tạo xã {code} với {villages} thôn.',
  'cli.badRole': 'Vai trò phải là một trong: {roles}',
  'cli.badDays': '--days phải là số nguyên từ 1 đến 366',
  'cli.codeIssued': 'Mã đăng ký (dùng một lần)',
  'cli.provinceOrCommune': 'Dùng --province hoặc --commune, không dùng cả hai',
  'cli.provinceReviewerOnly': 'Mã theo tỉnh chỉ dành cho cán bộ thẩm định (--role reviewer)',
  'cli.provinceEmpty': 'Lưu ý: tỉnh "{province}" chưa có xã nào; mã vẫn dùng được cho các xã thêm sau',
  'cli.validUntil': 'Dùng được đến',
  'cli.oneSheet': 'Cần đúng một tệp bảng tính',
  'cli.cannotRead': 'Không đọc được "{path}"',
  'cli.nothingImported': 'Không nhập gì cả: tệp có {count} chỗ cần sửa',
  'cli.nothingToChange': 'Không có gì thay đổi: số liệu năm {year} của xã {commune} đã giống tệp ({unchanged} thôn)',
  'cli.imported': 'Đã nhập số liệu năm {year} của xã {commune}: {added} thôn mới, {changed} thôn thay đổi, {unchanged} thôn không đổi ({ops} thao tác, các máy sẽ nhận khi đồng bộ)',
  'cli.noExpiry': 'không hết hạn',
  'cli.expired': 'đã hết hạn',
  'cli.expires': 'hết hạn',
  'cli.revoked': 'đã thu hồi',
  'cli.used': 'đã dùng',
  'cli.unused': 'chưa dùng',
  'cli.noCodes': 'Chưa có mã nào',
  'cli.noSuchId': 'Không có mã id {id}',
  'cli.tokenRevoked': 'Đã thu hồi {id}: thiết bị dùng mã này phải đăng ký lại.',
  // Enrolment codes (server/codes.ts)
  'cli.validDays': 'Số ngày hiệu lực phải từ 1 đến 366',
  'cli.noCommune': 'Không có xã mã "{commune}"',
  'cli.villagesCollectorOnly': 'Chỉ người thu thập mới giới hạn theo thôn',
  'cli.unknownVillages': 'Xã không có thôn {villages}',
  'cli.emptyVillages': 'Danh sách thôn rỗng',
  // A sheet imported at the server (server/import-villages.ts)
  'cli.importYear': 'Năm đánh giá phải từ {min} đến {max}',
  'cli.importNoCommune': 'Không có xã {commune} trên máy chủ',
  'cli.importLocked': 'Năm {year} của xã {commune} đã khóa hồ sơ',

  // npm start (server/main.ts) and its settings (server/settings.ts)
  'cli.running': 'Xã Học Tập đang chạy tại',
  'cli.demoCreated': 'Đã tạo xã mẫu {commune} ({name}). Mã đăng ký cho cán bộ phụ trách (dùng một lần):',
  'cli.codeValidUntil': 'Mã dùng được đến',
  'cli.issueNewCode': 'Cấp mã đăng ký mới',
  'cli.issueCodeExample': 'npm run admin -- issue-code --commune <mã xã> --role officer --name "<họ tên>"',
  'cli.settingInteger': '{name} phải là số nguyên từ {min} đến {max}',
  'cli.notUrl': 'không phải địa chỉ',
  'cli.onlyHttp': 'chỉ http(s)',
  'cli.noSharedFolder': 'không có thư mục dùng chung {root} (hãy gắn ổ trước)',
  'cli.notAFolder': '{root} không phải thư mục',
  'cli.folderNotWritable': 'máy chủ không ghi được vào {root}',
  'cli.onlyPostgres': 'chỉ nhận postgres://',

  // npm run import, npm run assess (src/cli)
  'cli.usage': 'Cách dùng',
  'cli.importDryRun': '--dry-run: chỉ kiểm tra, không ghi gì',
  'cli.toWriteServer': 'để ghi vào máy chủ',
  'cli.fileNotFound': 'Không tìm thấy tệp "{path}"',
  'cli.cannotReadFile': 'Không đọc được "{path}"',
  'cli.importArgs': 'npm run import -- <tệp.xlsx | tệp.csv | -> --dry-run',
  'cli.assessArgs': 'npm run assess -- <tệp.json | ->',
  'cli.isFolder': '"{path}" là một thư mục, không phải tệp',
};

// FIRST-LOAD: the app shell. Screens are filled in by later work.
export function App() {
  return (
    <main>
      <h1>Xã Học Tập</h1>
      <p>Tự đánh giá "Cộng đồng học tập" cấp xã theo Thông tư 25/2023/TT-BGDĐT.</p>
    </main>
  );
}

/** Response or request headers as a two-column table (names may repeat). */
export function HeadersTable({ headers, label }: { headers: readonly [string, string][]; label: string }) {
  if (headers.length === 0) return <p className="muted small">No headers.</p>;
  return (
    <table className="data-table headers-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={`${name}-${i}`}>
            <td className="mono header-name">{name}</td>
            <td className="mono header-value">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

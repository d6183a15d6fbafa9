// One input per catalog field, chosen by its catalog type, labelled for screen readers, with the
// message of its fault (from validateBundle) tied to it.

export interface CatalogField {
  name: string;
  label: string;
  type: string;
  required: boolean;
  requiredWhen?: string | null;
  values?: { value: string; label: string }[] | null;
}

export type Value = string | number | boolean | string[];

/** `sharedFields.phone` → `field-sharedFields-phone`: an id usable in CSS and `for`. */
export const idOf = (path: string) => `field-${path.replace(/[^\w-]/g, '-')}`;

export function FieldInput(props: {
  path: string;
  field: CatalogField;
  value: Value | undefined;
  fault?: string;
  onChange: (value: Value | undefined) => void;
}) {
  const { path, field, value, fault, onChange } = props;
  const id = idOf(path);
  const faultId = `${id}-fault`;
  const aria = {
    'aria-invalid': fault ? ('true' as const) : undefined,
    'aria-describedby': fault ? faultId : undefined,
    'aria-required': field.required || undefined,
  };
  const text = (raw: string) => onChange(raw.trim() === '' ? undefined : raw);
  let input;
  switch (field.type) {
    case 'ENUM':
      input = (
        <select id={id} data-field={path} {...aria} value={typeof value === 'string' ? value : ''} onChange={(event) => text(event.currentTarget.value)}>
          <option value="">请选择</option>
          {(field.values ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'ENUM_LIST': {
      const chosen = Array.isArray(value) ? value : [];
      input = (
        <span id={id} data-field={path} role="group" aria-labelledby={`${id}-label`} {...aria} class="choices">
          {(field.values ?? []).map((option) => (
            <label key={option.value} class="choice">
              <input
                type="checkbox"
                checked={chosen.includes(option.value)}
                onChange={(event) => {
                  const next = event.currentTarget.checked ? [...chosen, option.value] : chosen.filter((item) => item !== option.value);
                  onChange(next.length ? next : undefined);
                }}
              />
              {option.label}
            </label>
          ))}
        </span>
      );
      break;
    }
    case 'BOOLEAN':
      input = (
        <select
          id={id}
          data-field={path}
          {...aria}
          value={value === true ? 'true' : value === false ? 'false' : ''}
          onChange={(event) => {
            const raw = event.currentTarget.value;
            onChange(raw === '' ? undefined : raw === 'true');
          }}
        >
          <option value="">请选择</option>
          <option value="true">是</option>
          <option value="false">否</option>
        </select>
      );
      break;
    case 'DATE':
      input = (
        <input
          id={id}
          data-field={path}
          {...aria}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onInput={(event) => text(event.currentTarget.value)}
        />
      );
      break;
    case 'INT':
      input = (
        <input
          id={id}
          data-field={path}
          {...aria}
          type="number"
          step="1"
          value={typeof value === 'number' ? String(value) : ''}
          onInput={(event) => {
            const raw = event.currentTarget.value.trim();
            onChange(raw === '' ? undefined : Number(raw));
          }}
        />
      );
      break;
    case 'TEXT':
      input = (
        <textarea
          id={id}
          data-field={path}
          {...aria}
          rows={3}
          value={typeof value === 'string' ? value : ''}
          onInput={(event) => text(event.currentTarget.value)}
        />
      );
      break;
    default:
      input = (
        <input
          id={id}
          data-field={path}
          {...aria}
          type="text"
          inputMode={field.type === 'PHONE' ? 'tel' : field.type === 'MONEY' || field.type === 'REGION_CODE' ? 'numeric' : 'text'}
          autoComplete="off"
          value={typeof value === 'string' ? value : ''}
          onInput={(event) => text(event.currentTarget.value)}
        />
      );
  }
  return (
    <div class={`field${fault ? ' has-fault' : ''}`}>
      <label id={`${id}-label`} for={field.type === 'ENUM_LIST' ? undefined : id}>
        {field.label}
        {field.required ? (
          <span class="required" aria-label="必填">
            *
          </span>
        ) : null}
      </label>
      {input}
      {field.requiredWhen ? <small class="hint">{`以下情形必填：${field.requiredWhen}`}</small> : null}
      {fault ? (
        <p class="fault" id={faultId} data-fault-for={path}>
          {fault}
        </p>
      ) : null}
    </div>
  );
}

/**
 * H5 only. Taro's components write a mini program's `aria-role` attribute (NutUI's Radio, Checkbox,
 * Switch, Dialog and Popup set it), which browsers and screen readers do not know: their role is `role`.
 * This moves every `aria-role` onto `role` as it appears, so the H5 build speaks the same roles.
 */
export function mirrorAriaRoles(root: Element = document.documentElement): MutationObserver {
  const fix = (el: Element) => {
    const role = el.getAttribute('aria-role')
    if (role === null) return
    el.setAttribute('role', role)
    el.removeAttribute('aria-role')
  }
  const sweep = (node: Node) => {
    if (!(node instanceof Element)) return
    fix(node)
    node.querySelectorAll('[aria-role]').forEach(fix)
  }
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') fix(record.target as Element)
      else record.addedNodes.forEach(sweep)
    }
  })
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-role'] })
  sweep(root)
  return observer
}

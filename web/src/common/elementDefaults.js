// Element Plus defaults changed for the whole UI; applied once in main.js before any component is created.
// `persistent: false` on ElSelect, ElDropdown and ElPopover: their menus are built when first opened, not when
// the page is (the header's 待办 popover and user menu are on every page). Each persistent menu is a teleported popper mounted with the page (and ElSelect measures its width at
// once, forcing a layout), which cost a list page with six filters about a third of its first render (issue
// #11 §6, bench/pages). ElSelect still knows its options' labels while closed (it reads its slot).
// `disableTransitions: true` on ElTag: a tag mounted with its zoom-in transition runs Vue's <Transition appear>,
// which reads the tag's computed style (forcing a style recalculation) for each of the 20-odd state tags of a list
// page as its rows arrive (issue #11 §6); a tag now simply appears.
import { ElDropdown, ElPopover, ElSelect, ElTag } from 'element-plus';

export function applyElementDefaults() {
  for (const component of [ElSelect, ElDropdown, ElPopover]) {
    if (component.props?.persistent) component.props.persistent = { ...component.props.persistent, default: false };
  }
  if (ElTag.props?.disableTransitions) ElTag.props.disableTransitions = { ...ElTag.props.disableTransitions, default: true };
}

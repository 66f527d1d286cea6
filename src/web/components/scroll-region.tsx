/**
 * A wide table's horizontal scroller. On a phone the table scrolls sideways; a region
 * that scrolls must be reachable and named for keyboard and screen-reader users
 * (WCAG 2.1.1, axe "scrollable-region-focusable"), hence the tabindex, and a labelled
 * section (a region landmark) so it is announced by name.
 */
import type { ComponentChildren } from "preact";

export function ScrollRegion(props: { label: string; children: ComponentChildren }) {
	return (
		// biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
		<section class="table-scroll" tabIndex={0} aria-label={props.label}>
			{props.children}
		</section>
	);
}

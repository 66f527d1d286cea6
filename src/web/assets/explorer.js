// The explorer's filters drawer on narrow screens (pages/explorer.tsx). The page is sent
// with the drawer open, so that without JavaScript every filter shows; on a phone this
// closes it at load, so the results are on the first screen, and keeps the reader's
// choice (open or closed) when htmx swaps the form after a filter is ticked.
(() => {
	const narrow = window.matchMedia("(max-width: 47.99rem)");
	let open = !narrow.matches;
	const drawer = () => document.getElementById("filters-drawer");
	const apply = () => {
		const d = drawer();
		if (d && narrow.matches) d.open = open;
	};
	document.addEventListener(
		"toggle",
		(e) => {
			if (e.target === drawer()) open = e.target.open;
		},
		true,
	);
	document.addEventListener("DOMContentLoaded", apply);
	document.addEventListener("htmx:afterSwap", apply);
	narrow.addEventListener("change", () => {
		const d = drawer();
		// A wide screen shows the filters beside the results, always.
		if (d && !narrow.matches) d.open = true;
		else apply();
	});
})();

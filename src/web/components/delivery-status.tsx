/** A delivery status as a coloured word: on the commitment page and in every commitment table. */
import type { DeliveryStatus } from "../../modules/analytics/status.ts";
import type { PageContext } from "../context.ts";
import { deliveryStatusNames } from "../i18n/enums.messages.ts";

export function DeliveryStatusBadge(props: { ctx: PageContext; status: DeliveryStatus }) {
	return (
		<span class={`badge status-${props.status}`}>
			{props.ctx.t(deliveryStatusNames[props.status])}
		</span>
	);
}

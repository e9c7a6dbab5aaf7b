import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	IConnections,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';

import { Mono } from '../../nodes/Mono/Mono.node';
import { MonoCredentialsHelper } from './credentials';

/** A test node that outputs the items given in its `items` parameter. */
class ItemsNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Outputs fixed items',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = typeof raw === 'string' ? (JSON.parse(raw) as IDataObject[]) : raw;
		return [items.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}

/** A test node that evaluates its `value` expression for each input item, as a user's Set node would. */
class ProbeNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'Evaluates an expression per item',
		defaults: { name: 'Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_item, index) => ({
				json: { value: this.getNodeParameter('value', index) as IDataObject[string] },
				pairedItem: { item: index },
			})),
		];
	}
}

const NODE_TYPES: Record<string, INodeType> = {
	'n8n-nodes-mono.mono': new Mono(),
	'test.items': new ItemsNode(),
	'test.probe': new ProbeNode(),
};

const nodeTypes: INodeTypes = {
	getByName: (type: string) => NODE_TYPES[type] as INodeType | IVersionedNodeType,
	getByNameAndVersion: (type: string, version?: number) =>
		NodeHelpers.getVersionedNodeType(NODE_TYPES[type], version),
	getKnownTypes: () => ({}),
};

export interface RunOptions {
	/** The Mono node's parameters: resource, operation and the operation's fields. */
	parameters: INodeParameters;
	/** Input items for the Mono node; one empty item when absent. */
	items?: IDataObject[];
	/** The Mono API credential; defaults to the sandbox key and the given base URL. */
	credentials: { secretKey?: string; baseUrl: string };
	/** n8n's "On Error" setting of the Mono node. */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** An expression evaluated downstream of Mono's first output for each item, such as `={{ $('Mono').item.json.id }}`. */
	probe?: string;
	/** An expression evaluated downstream of Mono's error output. */
	errorProbe?: string;
}

export interface RunResult {
	run: IRun;
	/** Mono's outputs: [0] the main output, [1] the error output when onError is continueErrorOutput. */
	outputs: INodeExecutionData[][];
	/** The workflow's error when the run failed. */
	error?: ExecutionError;
	probe?: IDataObject[];
	errorProbe?: IDataObject[];
	/** What n8n logged during the run (at debug level in tests). */
	logs: string[];
}

/** Builds additionalData with only what WorkflowExecute reads in these runs. */
function additionalDataFor(helper: MonoCredentialsHelper, hooks: ExecutionLifecycleHooks) {
	const data: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper: helper,
		hooks,
		executionId: '1',
		currentNodeParameters: undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
	};
	return data as IWorkflowExecuteAdditionalData;
}

/** Runs Items → Mono (→ Probe) through n8n-core's WorkflowExecute and returns what each node output. */
export async function runMono(options: RunOptions): Promise<RunResult> {
	const mono: INode = {
		id: 'mono',
		name: 'Mono',
		type: 'n8n-nodes-mono.mono',
		typeVersion: 1,
		position: [200, 0],
		parameters: options.parameters,
		credentials: { monoApi: { id: '1', name: 'Mono account' } },
		onError: options.onError,
	};
	const source: INode = {
		id: 'items',
		name: 'Items',
		type: 'test.items',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(options.items ?? [{}]) },
	};
	const nodes: INode[] = [source, mono];
	const connections: IConnections = {
		Items: { main: [[{ node: 'Mono', type: NodeConnectionTypes.Main, index: 0 }]] },
	};
	const monoOutputs: IConnections[string]['main'] = [[], []];

	if (options.probe) {
		nodes.push({ id: 'probe', name: 'Probe', type: 'test.probe', typeVersion: 1, position: [400, 0], parameters: { value: options.probe } });
		monoOutputs[0] = [{ node: 'Probe', type: NodeConnectionTypes.Main, index: 0 }];
	}
	if (options.errorProbe) {
		nodes.push({ id: 'errorProbe', name: 'Error Probe', type: 'test.probe', typeVersion: 1, position: [400, 200], parameters: { value: options.errorProbe } });
		monoOutputs[1] = [{ node: 'Error Probe', type: NodeConnectionTypes.Main, index: 0 }];
	}
	connections.Mono = { main: monoOutputs };

	const workflow = new Workflow({ id: 'test', nodes, connections, active: false, nodeTypes, settings: {} });
	const helper = new MonoCredentialsHelper({ secretKey: 'test_sk_sandbox', ...options.credentials });
	const hooks = new ExecutionLifecycleHooks('manual', '1', {
		id: 'test',
		name: 'Mono test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
	});
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: source, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});

	// n8n's logger writes to stdout; keep its lines so tests can search them, and the output clean.
	// Its winston transport writes to console._stdout, which in a Jest worker is Jest's console
	// stream rather than process.stdout, so both streams are captured.
	const logs: string[] = [];
	const streams = new Set<NodeJS.WritableStream>([process.stdout]);
	const consoleStdout = (console as unknown as { _stdout?: NodeJS.WritableStream })._stdout;
	if (consoleStdout !== undefined) {
		streams.add(consoleStdout);
	}
	const originalWrites = [...streams].map((stream) => ({ stream, write: stream.write }));
	for (const stream of streams) {
		stream.write = ((chunk: string | Uint8Array) => {
			logs.push(String(chunk));
			return true;
		}) as typeof stream.write;
	}

	let run: IRun;
	try {
		run = await new WorkflowExecute(additionalDataFor(helper, hooks), 'manual', runExecutionData).processRunExecutionData(workflow);
	} finally {
		for (const { stream, write } of originalWrites) {
			stream.write = write;
		}
	}
	const runData = run.data.resultData.runData;
	const outputOf = (name: string) => runData[name]?.[0]?.data?.main?.map((items) => items ?? []) ?? [];

	return {
		run,
		logs,
		outputs: outputOf('Mono'),
		error: run.data.resultData.error,
		probe: runData.Probe ? outputOf('Probe')[0].map((item) => item.json) : undefined,
		errorProbe: runData['Error Probe'] ? outputOf('Error Probe')[0].map((item) => item.json) : undefined,
	};
}

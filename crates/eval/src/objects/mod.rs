//! The heap objects behind `Value`'s pointer variants, one module per type.
//! Each module holds the object's layout and the behaviour CPython gives that
//! type (its methods and operator slots); the eval loop only dispatches.

pub mod awaitable;
pub mod bytes;
pub mod code;
pub mod complex;
pub mod descriptor;
pub mod dict;
pub mod exception;
pub mod file;
pub mod float;
pub mod frameobj;
pub mod function;
pub mod generator;
pub mod instance;
pub mod int;
pub mod iter;
pub mod list;
pub mod module;
pub mod native;
pub mod range;
pub mod set;
pub mod slice;
pub mod str;
pub mod strmethods;
pub mod structseq;
pub mod traceback;
pub mod trashcan;
pub mod tuple;
pub mod typecache;
pub mod typeobj;

pub use self::awaitable::AwaitableObject;
pub use self::bytes::BytesObject;
pub use self::code::CodeObject;
pub use self::descriptor::{DescriptorObject, SuperObject};
pub use self::dict::DictObject;
pub use self::exception::ExceptionObject;
pub use self::file::FileObject;
pub use self::frameobj::FrameObject;
pub use self::function::{BoundMethod, BuiltinFunction, CellObject, FunctionObject};
pub use self::generator::GeneratorObject;
pub use self::instance::InstanceObject;
pub use self::iter::IteratorObject;
pub use self::list::ListObject;
pub use self::module::ModuleObject;
pub use self::range::RangeObject;
pub use self::set::SetObject;
pub use self::slice::SliceObject;
pub use self::str::StrObject;
pub use self::traceback::TracebackObject;
pub use self::tuple::TupleObject;
pub use self::typeobj::TypeObject;
